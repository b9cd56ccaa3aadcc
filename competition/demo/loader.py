"""`manage.py load_demo`: the reference call, shifted so that it is open today, and one
demo user per role. Safe to re-run: what exists is left as it is."""
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from competition import services
from competition.demo import REFERENCE_ANNOUNCED, reference_document
from competition.models import Call, CommissionMember
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
)

SEATS = {
    "przewodniczaca@demo.local": (CommissionMember.Role.CHAIR, CommissionMember.Kind.CITY),
    "sekretarz@demo.local": (CommissionMember.Role.SECRETARY, CommissionMember.Kind.CITY),
    "czlonek@demo.local": (CommissionMember.Role.MEMBER, CommissionMember.Kind.NGO),
}

ORGANISATIONS = {
    "oferent@demo.local": ("Stowarzyszenie Razem dla Hajnówki", "association"),
    "partner@demo.local": ("Fundacja Puszcza Dzieciom", "foundation"),
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
    for email, (name, form) in ORGANISATIONS.items():
        org, _ = Organisation.objects.get_or_create(name=name, defaults={"legal_form": form})
        Membership.objects.get_or_create(organisation=org, user=users[email])

    out("")
    out(f"Demo accounts (password for all: {DEMO_PASSWORD}), log in at /accounts/login/:")
    for spec in DEMO_USERS:
        out(f"  {spec.email:<28} {spec.role}")
    return call
