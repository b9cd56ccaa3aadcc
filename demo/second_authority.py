"""The demo's second authority: a fictional rural commune headed by a Wójt, on the same
installation as Hajnówka (issue 23). Its own call is open for offers on its own pages
(`/wojt-gminy-kamienna-struga/`), with its clerk and its Wójt; Fundacja Puszcza Dzieciom, which
applies in Hajnówka too, has submitted an offer here with the same organisation record.

The call is `kamienna-struga-2027.json` (a copy of docs/examples/second-call.json), moved in time
so that submissions opened yesterday: the announcement speaks as "Wójt Gminy Kamienna Struga"."""
import json
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import User
from authorities.services import authority_set_contacts
from competition import services
from competition.models import Call
from demo import DEMO_DIR
from demo.offers import cost, make_offer

SECOND_CALL = DEMO_DIR / "kamienna-struga-2027.json"
SECOND_SLUG = "kamienna-struga-2027-seniorzy-dzieci-wolontariat"
AUTHORITY_SLUG = "wojt-gminy-kamienna-struga"

# (e-mail, full name, role as the README lists it, flags): the roles helper attaches them to the authority.
SECOND_USERS = (
    ("wojt@demo.local", "Wiesława Wójcik", "wójt (Gmina Kamienna Struga)", {"is_mayor": True, "address_form": "feminine"}),
    ("urzednik.ks@demo.local", "Kamil Strużański", "pracownik urzędu (Gmina Kamienna Struga)",
     {"is_clerk": True, "address_form": "masculine"}),
)

# The commune's own contacts: its privacy notice, accessibility statement and e-mail sender.
CONTACTS = {"privacy_contact": "ug@kamienna-struga.demo.local", "privacy_dpo": "iod@kamienna-struga.demo.local",
            "accessibility_contact_person": "Anna Dostępna, sekretarz gminy",
            "accessibility_email": "dostepnosc@kamienna-struga.demo.local", "accessibility_phone": "+48 87 000 00 00",
            "email_from": "konkursy@kamienna-struga.demo.local"}

# Its limits differ from Hajnówka's: a grant of at most 80% and administrative costs of at most 10%.
COSTS = {"1": [
    cost("Zajęcia klubu seniora", "24", "150.00", grant="2880.00", own_financial="720.00", unit="spotkanie"),
    cost("Koordynacja", "4", "90.00", grant="260.00", own_personal="100.00", kind="administrative", unit="miesiąc",
         hours="4", rate="25.00"),
]}


def second_document(*, today: date) -> dict:
    """The commune's call, moved so that its submissions opened yesterday (announced three days before)."""
    doc = json.loads(SECOND_CALL.read_text(encoding="utf-8"))
    opens = datetime.fromisoformat(doc["submission_start"]).date()
    return services.shift_dates(doc, (today - timedelta(days=1)) - opens)


def second_authority(users: dict, orgs: dict, out, *, today=None, password: str) -> Call:
    """The commune, its people, its published call and the foundation's submitted offer; left as
    it is when the call exists."""
    today = today or timezone.localdate()
    people = {}
    for email, full_name, _role, flags in SECOND_USERS:
        people[email] = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=password, full_name=full_name, **flags)
    call = Call.objects.filter(slug=SECOND_SLUG).first()
    if call is not None:
        out(f"The second authority's call {call.slug} exists already: left as it is.")
        return call
    clerk = people["urzednik.ks@demo.local"]
    doc = second_document(today=today)
    call = services.call_import(document=doc, by=clerk)
    announced = timezone.make_aware(datetime.combine(date.fromisoformat(doc["announcement_date"]), time(9, 0)))
    call = services.call_publish(call=Call.objects.get(pk=call.pk), by=clerk, now=announced)
    authority_set_contacts(authority=call.authority, contacts=CONTACTS)
    offer = make_offer(call=call, organisation=orgs["partner@demo.local"], user=users["partner@demo.local"],
                       codes=("1",), costs=COSTS, submit=True, zones=2, lpr_projects=1)
    out(f"Second authority: {call.authority.name}, call {call.slug} open until "
        f"{timezone.localtime(call.submission_deadline):%d.%m.%Y %H:%M}; "
        f"submitted offer {offer.number}: {offer.title} – {offer.organisation.name}")
    return call
