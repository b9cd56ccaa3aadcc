"""Data of the many-authorities benchmark (`bench/authorities.py`): `count` authorities, each
with `calls` copies of the reference call (demo/hajnowka-2019.json) imported through the
services under the authority's own name, the first open for offers, the others closed at
different stages; the call's texts are the reference call's. Prints the manifest as JSON.

    DJANGO_SETTINGS_MODULE=... python -c "from bench.gen_authorities import main; main(50, 3)"
"""
import json
import random

KINDS = ("burmistrz", "wojt")  # a town's and a rural commune's; their forms come from authorities.rules
CLOSED = ("submission_closed", "formal_check", "merit_evaluation", "decided", "closed")


def authority_data(index: int) -> dict:
    from authorities import rules

    kind = KINDS[index % 2]
    forms, place = rules.KINDS[kind], f"Bench {index:02d}"
    unit = forms.office_name.split()[-1]  # "Miasta", "Gminy": whose office it is
    return {"slug": f"{kind}-{unit}-bench-{index:02d}".lower(), "kind": kind,
            "name": f"{forms.office} {unit} {place}", "name_genitive": f"{forms.office_genitive} {unit} {place}",
            "holder_gender": "m", "municipality": f"Gmina {place}", "seat": place,
            "office_name": f"{forms.office_name} {place}", "address": f"ul. Rynek {index}, 00-{index:03d} {place}",
            "bip_url": "", "treasurer_name": "", "treasurer_title": ""}


def main(count: int, calls: int, seed: int = 1) -> None:
    from django.utils import timezone

    from accounts.models import User
    from competition import services
    from competition.models import Call
    from demo.loader import reference_call_document

    rng = random.Random(seed)
    clerk = User.objects.create_user(email="urzednik@bench.local", password="bench-haslo-2019", is_staff=True,
                                     is_superuser=True)  # the installation's administrator imports every call
    base = reference_call_document(today=timezone.localdate())
    manifest = {"authorities": [], "calls": 0}
    for index in range(1, count + 1):
        authority = authority_data(index)
        slugs = []
        for n in range(calls):
            doc = {**base, "slug": f"{authority['slug']}-{n}", "authority": authority,
                   "title": f"{base['title']} ({authority['name']}, {n + 1})"}
            call = services.call_import(document=doc, by=clerk)
            call = services.call_publish(call=Call.objects.get(pk=call.pk), by=clerk)
            if n:  # the others closed at some stage (bench data: written in bulk, no history)
                Call.objects.filter(pk=call.pk).update(
                    state=rng.choice(CLOSED), submission_deadline=call.submission_deadline.replace(year=2019))
            slugs.append(call.slug)
        manifest["authorities"].append({"slug": authority["slug"], "calls": slugs})
        manifest["calls"] += len(slugs)
    print(json.dumps(manifest))
