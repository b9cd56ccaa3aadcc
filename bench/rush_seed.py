"""Seeds the deadline rush: one published call and N applicants, each logged in (a session in
the database) with a complete draft offer ready to submit. Run by `bench/deadline_rush.py`
inside Django; writes the applicants' sessions and offers as JSON."""
import json

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import User
from bench.sessions import session_key
from competition import services as call_services
from demo import REFERENCE_ANNOUNCED, reference_document
from demo.offers import make_offer
from organisations.models import Membership, Organisation


def seed(count: int, out: str) -> None:
    clerk, _ = User.objects.get_or_create(email="bench-clerk@example.org",
                                          defaults={"full_name": "Bench Clerk", "is_clerk": True})
    today = timezone.localdate()
    doc = call_services.shift_dates(reference_document(), today - REFERENCE_ANNOUNCED)
    doc.update(slug=f"rush-{timezone.now():%H%M%S}", title="Konkurs – test obciążenia w ostatniej minucie")
    call = call_services.call_publish(call=call_services.call_import(document=doc, by=clerk), by=clerk)
    password = make_password("rush-password-123")  # one hash for all: hashing is not what is measured
    applicants = []
    for i in range(count):
        user = User.objects.create(email=f"rush{i:03d}@example.org", full_name=f"Skarbnik {i:03d}", password=password)
        org = Organisation.objects.create(name=f"Stowarzyszenie Rush {i:03d}", legal_form="association",
                                          city="Hajnówka")
        Membership.objects.create(organisation=org, user=user)
        offer = make_offer(call=call, organisation=org, user=user)
        applicants.append({"session": session_key(user), "offer": offer.pk})
    with open(out, "w") as handle:
        json.dump({"call": call.pk, "slug": call.slug, "applicants": applicants}, handle)

