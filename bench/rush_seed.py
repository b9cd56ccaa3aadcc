"""Seeds the deadline rush (run by `bench/deadline_rush.py` inside Django).

`seed(count)`: one published call and applicants up to `count`, each a user with an organisation
and a complete draft offer ready to submit, built through the services as the demo builds them
(`demo.offers.make_offer`). It only adds what is missing, so a database seeded for 3 000 serves
every smaller run; `deadline_rush.py` keeps it as a template and copies it for each run.

`applicants(count, out)`: a fresh logged-in session (in the database, as a login leaves it) for
each of the first `count` applicants, written with their offers as JSON for the locustfile.
"""
import json

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from authorities.services import authority_for_document, role_grant
from bench.sessions import session_key
from competition import services as call_services
from competition.models import Call
from demo import REFERENCE_ANNOUNCED, reference_document
from demo.offers import make_offer
from offers.models import Offer
from organisations.models import Membership, Organisation

SLUG = "rush"
EMAIL = "rush{:05d}@example.org"


def rush_call() -> Call:
    call = Call.objects.filter(slug=SLUG).first()
    if call:
        return call
    clerk, _ = User.objects.get_or_create(email="bench-clerk@example.org", defaults={"full_name": "Bench Clerk"})
    doc = call_services.shift_dates(reference_document(), timezone.localdate() - REFERENCE_ANNOUNCED)
    role_grant(authority=authority_for_document(data=doc["authority"])[0], user=clerk, role="clerk")
    doc.update(slug=SLUG, title="Konkurs – test obciążenia w ostatniej minucie")
    return call_services.call_publish(call=call_services.call_import(document=doc, by=clerk), by=clerk)


def seed(count: int) -> int:
    """Applicants up to `count` (the ones already there stay); returns how many were added."""
    call = rush_call()
    have = User.objects.filter(email__startswith="rush", email__endswith="@example.org").count()
    password = make_password("rush-password-123")  # one hash for all: hashing is not what is measured
    for i in range(have, count):
        with transaction.atomic():
            user = User.objects.create(email=EMAIL.format(i), full_name=f"Skarbnik {i:05d}", password=password)
            org = Organisation.objects.create(name=f"Stowarzyszenie Rush {i:05d}", legal_form="association",
                                              city="Hajnówka")
            Membership.objects.create(organisation=org, user=user)
            make_offer(call=call, organisation=org, user=user)
        if (i + 1) % 250 == 0:
            print(f"  seeded {i + 1} of {count}", flush=True)
    return max(0, count - have)


def seeded() -> int:
    return Offer.objects.filter(call__slug=SLUG, state=Offer.State.DRAFT).count()


def applicants(count: int, out: str) -> None:
    call = rush_call()
    emails = [EMAIL.format(i) for i in range(count)]
    offers = dict(Offer.objects.filter(call=call, created_by__email__in=emails)
                  .values_list("created_by__email", "pk"))
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    rows = [{"session": session_key(users[email]), "offer": offers[email]} for email in emails]
    with open(out, "w") as handle:
        json.dump({"call": call.pk, "slug": call.slug, "applicants": rows}, handle)
