"""`manage.py load_demo`: the reference call, shifted so that it is open today, and one
demo user per role. Safe to re-run: what exists is left as it is."""
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from competition import services
from competition.demo import REFERENCE_ANNOUNCED, reference_document
from competition.models import Call, CommissionMember
from offers import services as offer_services
from offers.demo import make_offer
from offers.models import Membership, Organisation

DEMO_PASSWORD = "demo-konkurs-2019"


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: str
    flags: dict


DEMO_USERS = (
    DemoUser("admin@demo.local", "Adam Administrator", "administrator", {"is_superuser": True, "is_staff": True}),
    DemoUser("urzednik@demo.local", "Urszula Urzędniczka", "pracownik urzędu", {"is_clerk": True}),
    DemoUser("burmistrz@demo.local", "Bogdan Burmistrz", "burmistrz", {"is_mayor": True}),
    DemoUser("przewodniczaca@demo.local", "Przemysława Przewodnicząca", "przewodnicząca komisji", {}),
    DemoUser("sekretarz@demo.local", "Sebastian Sekretarz", "sekretarz komisji", {}),
    DemoUser("czlonek@demo.local", "Czesław Członek", "członek komisji (wskazany przez NGO)", {}),
    DemoUser("oferent@demo.local", "Olga Oferentka", "oferent (Stowarzyszenie Razem dla Hajnówki)", {}),
    DemoUser("partner@demo.local", "Piotr Partner", "oferent (Fundacja Puszcza Dzieciom)", {}),
    DemoUser("kolo@demo.local", "Krystyna Kołodziej", "oferent (KGW „Leśne Smaki”)", {}),
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
    call = Call.objects.filter(slug=doc["slug"]).first()
    if call is None:
        call = services.call_import(document=doc, by=clerk)
        call = services.call_publish(call=call, by=clerk)
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

    out("")
    out(f"Demo accounts (password for all: {DEMO_PASSWORD}), log in at /accounts/login/:")
    for spec in DEMO_USERS:
        out(f"  {spec.email:<28} {spec.role}")
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
