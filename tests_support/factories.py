"""factory_boy factories, one per model, with traits for common states."""
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import User
from authorities.models import Authority
from competition.models import (
    Action,
    Call,
    CommissionMember,
    FormalCriterion,
    Indicator,
    MeritCriterion,
    MeritSubcriterion,
    ScaleStep,
    UrbanZone,
)
from offers.models import OfferPartner
from organisations.models import Membership, Organisation

DEFAULT_PASSWORD = "haslo-testowe-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name", locale="pl_PL")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def official_authorities() -> list[Authority]:
    """The authorities the tests' officials serve unless told otherwise: the factories' town
    (`AuthorityFactory`) and the reference call's authority (the demo document's, as its import
    would store it)."""
    from authorities.services import authority_for_document
    from demo import reference_document

    return [AuthorityFactory(), authority_for_document(data=reference_document()["authority"])[0]]


def grant(user, role: str, authorities=None) -> None:
    """`user` gets `role` at each of `authorities` (default: `official_authorities()`)."""
    from authorities.services import role_grant

    for authority in official_authorities() if authorities is None else authorities:
        role_grant(authority=authority, user=user, role=role)


_ROLES = {}  # official factory -> the role it grants


class _OfficialFactory(UserFactory):
    """An official with the factory's role at `authorities` (a list; default `official_authorities()`):
    `ClerkFactory(authorities=[wojt()])`."""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        authorities = kwargs.pop("authorities", None)
        user = super()._create(model_class, *args, **kwargs)
        grant(user, _ROLES[cls], authorities)
        return user


class ClerkFactory(_OfficialFactory):
    pass


class MayorFactory(_OfficialFactory):
    pass


class AuthorityAdminFactory(_OfficialFactory):
    pass


_ROLES.update({ClerkFactory: "clerk", MayorFactory: "decider", AuthorityAdminFactory: "authority_admin"})


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Stowarzyszenie Testowe {n}")
    legal_form = "association"
    # Valid identifiers (check digits included), so a factory organisation passes the rules.
    krs = factory.Sequence(lambda n: f"{n + 1:010d}")
    nip = "1234563218"
    regon = "123456785"
    street = "ul. Lipowa 1"
    postal_code = "17-200"
    city = "Hajnówka"
    email = factory.Sequence(lambda n: f"stowarzyszenie{n}@example.org")
    phone = "85 682 00 00"
    bank_account = "PL61109010140000071219812874"
    representatives = "Anna Kowalska – prezes zarządu\nJan Nowak – skarbnik"

    @factory.post_generation
    def with_member(self, create, extracted, **kwargs):
        """`OrganisationFactory(with_member=True)`: one member, who can accept a partner invitation."""
        if create and extracted:
            Membership.objects.create(organisation=self, user=UserFactory())


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)


def _deadline():
    return timezone.now() + timedelta(days=30)


class AuthorityFactory(factory.django.DjangoModelFactory):
    """A town's mayor; `wojt()` and `county_board()` give the other grammars."""

    class Meta:
        model = Authority
        django_get_or_create = ("slug",)

    slug = "burmistrz-miasta-testowo"
    kind = Authority.Kind.BURMISTRZ
    name = "Burmistrz Miasta Testowo"
    name_genitive = "Burmistrza Miasta Testowo"
    municipality = "Gmina Miejska Testowo"
    seat = "Testowo"
    office_name = "Urząd Miasta Testowo"
    address = "ul. Rynek 1, 00-001 Testowo"
    treasurer_name = "Anna Skarbowa"


def wojt(**kwargs) -> Authority:
    """A rural commune's head, a woman: "Wójt Gminy Kamienna Struga ... przyznała"."""
    return AuthorityFactory(**{
        "slug": "wojt-gminy-kamienna-struga", "kind": Authority.Kind.WOJT, "name": "Wójt Gminy Kamienna Struga",
        "name_genitive": "Wójta Gminy Kamienna Struga", "holder_gender": "f", "municipality": "Gmina Kamienna Struga",
        "seat": "Kamienna Struga", "office_name": "Urząd Gminy Kamienna Struga",
        "address": "ul. Leśna 2, 00-002 Kamienna Struga", **kwargs})


def county_board(**kwargs) -> Authority:
    """A county's board: it decides by a resolution (uchwała), the county is the party."""
    return AuthorityFactory(**{
        "slug": "zarzad-powiatu-testowskiego", "kind": Authority.Kind.ZARZAD_POWIATU,
        "name": "Zarząd Powiatu Testowskiego", "name_genitive": "Zarządu Powiatu Testowskiego",
        "municipality": "Powiat Testowski", "seat": "Testowo", "office_name": "Starostwo Powiatowe w Testowie",
        "address": "ul. Zamkowa 3, 00-001 Testowo", **kwargs})


class CallFactory(factory.django.DjangoModelFactory):
    """A small valid draft: two actions, two zones, one formal and two merit criteria (max 13)."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"konkurs-{n}")
    title = factory.Sequence(lambda n: f"Konkurs testowy {n}")
    authority = factory.SubFactory(AuthorityFactory)
    public_task_type = "Działalność na rzecz organizacji pozarządowych"
    legal_basis = "Ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie"
    order_number = factory.Sequence(lambda n: f"{n}/26")
    announcement_date = factory.LazyFunction(timezone.localdate)
    submission_deadline = factory.LazyFunction(_deadline)
    confirmation_deadline = factory.LazyAttribute(lambda o: o.submission_deadline + timedelta(days=2))
    confirmation_address = "Urząd Miasta, pok. 1"
    decision_date = factory.LazyAttribute(lambda o: timezone.localtime(o.submission_deadline).date() + timedelta(days=20))
    realisation_start = factory.LazyAttribute(lambda o: o.decision_date + timedelta(days=10))
    realisation_end = factory.LazyAttribute(lambda o: o.realisation_start + timedelta(days=120))
    eligible_entity_types = factory.LazyFunction(lambda: ["association", "foundation"])
    min_actions = 1
    max_points = 13

    class Params:
        published = factory.Trait(state=Call.State.PUBLISHED, published_at=factory.LazyFunction(timezone.now))

    @factory.post_generation
    def structure(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for pos, (code, budget) in enumerate((("A", "10000.00"), ("B", "5000.00"))):
            action = Action.objects.create(call=obj, position=pos, code=code, title=f"Działanie {code}", budget=Decimal(budget))
            Indicator.objects.create(action=action, name=f"liczba odbiorców działania {code}", unit="osoby", minimum=Decimal(10))
        UrbanZone.objects.create(call=obj, position=0, name="Centrum")
        UrbanZone.objects.create(call=obj, position=1, name="Zatorze")
        FormalCriterion.objects.create(call=obj, question="Czy oferta złożona została w terminie?", auto_check="submitted_on_time")
        judged = MeritCriterion.objects.create(call=obj, position=0, code="a", title="Opis zadania", kind="judgement")
        MeritSubcriterion.objects.create(criterion=judged, name="jakość opisu", min_points=0, max_points=10)
        scale = MeritCriterion.objects.create(call=obj, position=1, code="b", title="Strefy", kind="scale", source="zones")
        ScaleStep.objects.create(criterion=scale, min_count=1, points=1)
        ScaleStep.objects.create(criterion=scale, min_count=2, points=3)


class CommissionMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommissionMember

    call = factory.SubFactory(CallFactory, published=True)
    user = factory.SubFactory(UserFactory)
    role = CommissionMember.Role.MEMBER
    kind = CommissionMember.Kind.CITY


__all__ = ["date", "UserFactory", "ClerkFactory", "MayorFactory", "OrganisationFactory", "MembershipFactory",
           "CallFactory", "CommissionMemberFactory"]


class OfferPartnerFactory(factory.django.DjangoModelFactory):
    """A partner of a joint offer; accepted unless `invited=True` (no member has answered yet)."""

    class Meta:
        model = OfferPartner

    # offer: pass one (make_offer builds complete offers)
    organisation = factory.SubFactory(OrganisationFactory, with_member=True)
    role = "partner merytoryczny"
    status = OfferPartner.Status.ACCEPTED

    class Params:
        invited = factory.Trait(status=OfferPartner.Status.INVITED)
