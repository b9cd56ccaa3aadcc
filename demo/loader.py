"""`manage.py load_demo`: the reference call, shifted so that it is open today, and one
demo user per role. Safe to re-run: what exists is left as it is."""
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import CLERK, DECIDER
from authorities.models import Authority
from authorities.services import authority_for_document, authority_run_portal, role_grant
from competition import services
from demo import REFERENCE_ANNOUNCED, reference_document
from demo.decided import decided_call
from demo.merit import merit_stage_call
from demo.second_authority import SECOND_USERS, second_authority
from competition.models import Call, CommissionMember
from evaluation.formal import services as evaluation_services
from evaluation.models import FormalSheet
from offers import services as offer_services
from demo.offers import make_offer
from organisations.models import Membership, Organisation

DEMO_PASSWORD = "demo-konkurs-2019"


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: str
    flags: dict


# The demo's authority runs the portal: its made-up contacts stand in the privacy notice and the
# accessibility statement (its name, office and address come with the call, demo/hajnowka-2019.json).
DEMO_CONTACTS = {"privacy_contact": "urzad@demo.local", "privacy_dpo": "iod@demo.local",
                 "accessibility_contact_person": "Jan Przykładowy, koordynator do spraw dostępności",
                 "accessibility_email": "dostepnosc@demo.local", "accessibility_phone": "+48 85 000 00 00"}

DEMO_USERS = (
    DemoUser("admin@demo.local", "Adam Administrator", "administrator", {"is_superuser": True, "is_staff": True}),
    DemoUser("urzednik@demo.local", "Urszula Urzędniczka", "pracownik urzędu", {"address_form": "feminine"}),
    DemoUser("burmistrz@demo.local", "Bogdan Burmistrz", "burmistrz", {"address_form": "masculine"}),
    DemoUser("przewodniczaca@demo.local", "Przemysława Przewodnicząca", "przewodnicząca komisji", {"address_form": "feminine"}),
    DemoUser("sekretarz@demo.local", "Sebastian Sekretarz", "sekretarz komisji", {"address_form": "masculine"}),
    DemoUser("czlonek@demo.local", "Czesław Członek", "członek komisji (wskazany przez NGO)", {"address_form": "masculine"}),
    DemoUser("ekspert@demo.local", "Ewa Ekspertka", "ekspertka komisji (głos doradczy)", {"address_form": "feminine"}),
    DemoUser("oferent@demo.local", "Olga Oferentka", "oferent (Stowarzyszenie Razem dla Hajnówki)", {"address_form": "feminine"}),
    DemoUser("partner@demo.local", "Piotr Partner", "oferent (Fundacja Puszcza Dzieciom)", {"address_form": "masculine"}),
    DemoUser("kolo@demo.local", "Krystyna Kołodziej", "oferent (KGW „Leśne Smaki”)", {"address_form": "feminine"}),
)

# The officials' roles, per authority: (e-mail, authority slug, role). A row whose authority or
# user does not exist (yet) is left out; `demo_roles_apply` runs before the calls are imported and
# again at the end, when every demo authority and user is there.
DEMO_AUTHORITY = reference_document()["authority"]["slug"]
SECOND_AUTHORITY = "wojt-gminy-kamienna-struga"  # docs/examples/second-call.json
DEMO_ROLES = (
    ("urzednik@demo.local", DEMO_AUTHORITY, CLERK),
    ("burmistrz@demo.local", DEMO_AUTHORITY, DECIDER),
    ("urzednik.ks@demo.local", SECOND_AUTHORITY, CLERK),
    ("wojt@demo.local", SECOND_AUTHORITY, DECIDER),
)

SEATS = {
    "przewodniczaca@demo.local": (CommissionMember.Role.CHAIR, CommissionMember.Kind.CITY),
    "sekretarz@demo.local": (CommissionMember.Role.SECRETARY, CommissionMember.Kind.CITY),
    "czlonek@demo.local": (CommissionMember.Role.MEMBER, CommissionMember.Kind.NGO),
}

ORGANISATIONS = {
    "oferent@demo.local": {
        "name": "Stowarzyszenie Razem dla Hajnówki", "legal_form": "association", "krs": "4821993518",
        "nip": "5260181596", "regon": "083016611", "street": "ul. 3 Maja 12", "postal_code": "17-200",
        "city": "Hajnówka", "email": "razem@demo.local", "phone": "85 000 00 01",
        "bank_account": "PL04318609139099603082462819",
        "representatives": "Olga Oferentka – prezes zarządu\nJan Kowalczyk – skarbnik",
    },
    "partner@demo.local": {
        "name": "Fundacja Puszcza Dzieciom", "legal_form": "foundation", "krs": "5979711471",
        "nip": "1909378658", "regon": "797543230", "street": "ul. Parkowa 5", "postal_code": "17-200",
        "city": "Hajnówka", "email": "puszcza@demo.local", "phone": "85 000 00 02",
        "bank_account": "PL07194875749118625276018955",
        "representatives": "Piotr Partner – prezes fundacji",
    },
    "kolo@demo.local": {
        "name": "Koło Gospodyń Wiejskich „Leśne Smaki”", "legal_form": "rural_women_circle", "krs": "",
        "other_register": "Krajowy Rejestr Kół Gospodyń Wiejskich", "other_register_number": "KGW/2019/0142",
        "nip": "0497465079", "regon": "529170340", "street": "ul. Leśna 1", "postal_code": "17-200",
        "city": "Hajnówka", "email": "kgw@demo.local", "phone": "85 000 00 03",
        "bank_account": "PL27236671276842684656321223",
        "representatives": "Krystyna Kołodziej – przewodnicząca\nMaria Las – skarbniczka",
    },
}

def demo_roles_apply(rows=DEMO_ROLES) -> int:
    """Give each (e-mail, authority slug, role) row's user the role at that authority, when both
    exist; a role held already stays as it is. Returns how many rows apply."""
    applied = 0
    for email, slug, role in rows:
        user = User.objects.filter(email=email).first()
        authority = Authority.objects.filter(slug=slug).first()
        if user is None or authority is None:
            continue
        role_grant(authority=authority, user=user, role=role)
        applied += 1
    return applied


def _user(spec: DemoUser) -> tuple[User, bool]:
    user = User.objects.filter(email=spec.email).first()
    if user:
        return user, False
    user = User.objects.create_user(email=spec.email, password=DEMO_PASSWORD, full_name=spec.full_name, **spec.flags)
    return user, True


def reference_call_document(*, today=None) -> dict:
    """The Hajnówka 2019 call moved in time so that its announcement day is today."""
    today = today or timezone.localdate()
    return services.shift_dates(reference_document(), today - REFERENCE_ANNOUNCED)


@transaction.atomic
def load_demo(*, today=None, out=print) -> Call:
    users = {}
    for spec in DEMO_USERS:
        users[spec.email], created = _user(spec)
    clerk = users["urzednik@demo.local"]

    doc = reference_call_document(today=today)
    authority_for_document(data=doc["authority"])  # stored first, so that its officials hold their roles
    demo_roles_apply()
    call = Call.objects.filter(slug=doc["slug"]).first()
    if call is None:
        call = services.call_import(document=doc, by=clerk)
        call = services.call_publish(call=call, by=clerk)
        authority_run_portal(authority=call.authority, contacts=DEMO_CONTACTS)
        out(f"Published the demo call {call.slug}: submission deadline {timezone.localtime(call.submission_deadline):%d.%m.%Y %H:%M} (Warsaw time).")
    else:
        out(f"The demo call {call.slug} exists already: left as it is.")

    for email, (role, kind) in SEATS.items():
        CommissionMember.objects.get_or_create(call=call, user=users[email], defaults={"role": role, "kind": kind})
    orgs = {}
    for email, data in ORGANISATIONS.items():
        orgs[email], _ = Organisation.objects.get_or_create(name=data["name"], defaults=data)
        Membership.objects.get_or_create(organisation=orgs[email], user=users[email])
    if not call.offers.exists():
        _demo_offers(call, users, orgs, out)
    _formal_stage_call(users, orgs, out, today=today)
    merit_stage_call(users, orgs, out, today=today)
    decided_call(users, orgs, out, today=today)
    second_authority(users, orgs, out, today=today, password=DEMO_PASSWORD)
    demo_roles_apply()  # again: the demo's other authorities and their officials are there now

    out("")
    out(f"Demo accounts (password for all: {DEMO_PASSWORD}), log in at /accounts/login/:")
    for spec in DEMO_USERS:
        out(f"  {spec.email:<28} {spec.role}")
    for email, _name, role, _flags in SECOND_USERS:
        out(f"  {email:<28} {role}")
    return call


def _demo_offers(call: Call, users: dict, orgs: dict, out) -> None:
    """Offers in every state: a joint submitted offer, a single submitted one, a withdrawn one
    and an unfinished draft."""
    lead, partner, circle = orgs["oferent@demo.local"], orgs["partner@demo.local"], orgs["kolo@demo.local"]
    olga, piotr, krystyna = users["oferent@demo.local"], users["partner@demo.local"], users["kolo@demo.local"]

    joint = make_offer(call=call, organisation=lead, user=olga, codes=("A", "D"), partners=[partner], submit=True)
    single = make_offer(call=call, organisation=circle, user=krystyna, codes=("A", "B"), submit=True)
    withdrawn = make_offer(call=call, organisation=partner, user=piotr, codes=("C", "D"), submit=True)
    offer_services.offer_withdraw(offer=withdrawn, by=piotr)
    draft = offer_services.offer_create(call=call, organisation=lead, by=olga, title="Seniorzy w sieci")
    offer_services.offer_set_actions(offer=draft, by=olga, revision=None,
                                     actions=list(call.actions.filter(code="A")))
    for offer, label in ((joint, "joint, submitted"), (single, "submitted"), (withdrawn, "withdrawn"),
                         (draft, "draft")):
        out(f"Demo offer ({label}): {offer.title} – {offer.organisation.name}")


FORMAL_SLUG = "hajnowka-2019-ocena-formalna"


def _formal_stage_call(users: dict, orgs: dict, out, *, today=None) -> None:
    """A second copy of the reference call whose submission ended yesterday, now in the formal
    check, with a second clerk's confirmation and corrections switched on, and sheets in every
    state: open and unanswered, answered, confirmed (admitted), confirmed (rejected), approved
    by a second clerk, returned for correction; one paper confirmation with a wrong control sum."""
    if Call.objects.filter(slug=FORMAL_SLUG).exists():
        return
    today = today or timezone.localdate()
    clerk, second = users["urzednik@demo.local"], users["admin@demo.local"]
    doc = reference_call_document(today=today - timedelta(days=27))  # the deadline passed yesterday
    doc.update(slug=FORMAL_SLUG, title=doc["title"] + " (etap oceny formalnej – dane demonstracyjne)")
    doc["rules"].update(four_eyes=True, correction_days=7)  # stated in its announcement
    call = services.call_import(document=doc, by=clerk)
    announced = timezone.make_aware(datetime.combine(today - timedelta(days=27), time(9, 0)))
    call = services.call_publish(call=Call.objects.get(pk=call.pk), by=clerk, now=announced)
    before = call.submission_deadline - timedelta(days=2)
    people = [("oferent@demo.local", ("A", "D")), ("partner@demo.local", ("C", "D")), ("kolo@demo.local", ("A", "B"))]
    offers = [make_offer(call=call, organisation=orgs[email], user=users[email], codes=codes, submit=True, now=before)
              for email, codes in people]
    extra_org, _ = Organisation.objects.get_or_create(
        name="Stowarzyszenie Seniorów „Złota Jesień”",
        defaults={**ORGANISATIONS["oferent@demo.local"], "name": "Stowarzyszenie Seniorów „Złota Jesień”",
                  "krs": "2459571177", "nip": "8599528907", "regon": "786666173",
                  "bank_account": "PL43603137215901092815901396", "email": "zlota@demo.local"})
    Membership.objects.get_or_create(organisation=extra_org, user=users["oferent@demo.local"])
    for codes in (("A", "B"), ("B", "C"), ("C", "D")):
        offers.append(make_offer(call=call, organisation=extra_org, user=users["oferent@demo.local"], codes=codes,
                                 submit=True, now=before))
    after = call.submission_deadline + timedelta(minutes=1)
    call = services.call_transition(call=call, to=Call.State.SUBMISSION_CLOSED, by=clerk, now=after)
    received = call.submission_deadline + timedelta(hours=1)
    after = received + timedelta(minutes=5)
    for offer in offers[:5]:
        version = offer.versions.get()
        evaluation_services.receipt_record(offer=offer, received_at=received, received_by="Sekretariat, pok. 219",
                                           checksum_read=version.short_checksum, signed=True, by=clerk, now=after)
    evaluation_services.receipt_record(offer=offers[5], received_at=received, received_by="Sekretariat, pok. 219",
                                       checksum_read="0123 4567 89ab cdef", signed=True, by=clerk, now=after,
                                       mismatch_confirmed=True,
                                       note="Wydruk wcześniejszej wersji?")
    call = evaluation_services.formal_check_start(call=call, by=clerk, now=after)
    sheets = [FormalSheet.objects.get(offer=o) for o in offers]

    def answer_all(sheet, no=None):
        answers = {a.criterion_id: (True, "") for a in sheet.answers.all()}
        if no is not None:
            answers[no.criterion_id] = (False, "Potwierdzenie podpisała osoba nieupoważniona do reprezentacji.")
        evaluation_services.sheet_answer(sheet=sheet, answers=answers, by=clerk, now=after)

    # sheets[0]: open, unanswered
    answer_all(sheets[1])  # open, answered, not yet confirmed
    answer_all(sheets[2])
    evaluation_services.sheet_confirm(sheet=sheets[2], by=clerk, now=after)  # confirmed: admitted
    signed = sheets[3].answers.get(criterion__auto_check="confirmation_on_time")
    answer_all(sheets[3], no=signed)
    evaluation_services.sheet_confirm(sheet=sheets[3], by=clerk, now=after)  # confirmed: rejected
    answer_all(sheets[4])
    evaluation_services.sheet_confirm(sheet=sheets[4], by=clerk, now=after)
    evaluation_services.sheet_approve(sheet=sheets[4], by=second, now=after)  # approved by a second clerk
    evaluation_services.sheet_return_for_correction(  # returned for correction
        sheet=sheets[5], sections=["description"], defects="Brak opisu sposobu rekrutacji odbiorców.", by=clerk)
    out(f"Demo call in the formal check: {call.slug} (6 offers, sheets in every state)")
