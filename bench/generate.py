"""Deterministic, realistic benchmark data at a chosen scale.

    .venv/bin/python bench/generate.py [--calls 20] [--offers 5000] [--big 1000] [--members 10] [--seed 1]

Into the configured database (DATABASE_URL; meant for an empty, migrated one — `bench/run.py`
makes it): copies of the reference call (`demo/hajnowka-2019.json`: its actions,
indicators, zones, LPR projects, formal and merit criteria), each with the action budgets
scaled to its number of offers, and `--offers` offers spread over them, `--big` of them in one
call. The calls are at different stages, all with back-dated moments so that every date is
consistent with today:

- the big call and a quarter of the others: decided, results published (formal check done,
  every member of the commission declared and submitted every sheet — `--members` members
  on the big call, up to five on the others —, the final scores fixed by `merit_close`, the
  allocation proposed, decided and published);
- a quarter open for submissions (published; drafts and submitted offers);
- a quarter in the formal check (half of the sheets confirmed);
- a quarter in the merit evaluation (most sheets submitted, some drafts, some not started).

Offers are complete (see `bench/gen_offers.py`); about 15% are joint offers with a second
offeror and 3% with a third. Users: a clerk, the authority, the commission (`komisja01@…`, the
chair, `komisja02@…` the secretary) and one applicant per organisation; all with the password
`BENCH_PASSWORD`. Writes `bench/out/manifest.json`: who and what the benchmark requests.
Bulk inserts, no history rows for what is written in bulk (the audit pages are not measured).
"""
import argparse
import json
import os
import random
import sys
import time
from datetime import datetime, time as clock, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_PASSWORD = "bench-haslo-2019"
STAGES = ("published", "decided", "formal_check", "merit_evaluation")
DAYS_AGO = {"published": 5, "formal_check": 30, "merit_evaluation": 45, "decided": 80}


def _at(day, hour: int, minute: int = 0) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, clock(hour, minute)))


def plan_calls(rng: random.Random, calls: int, offers: int, big: int) -> list[dict]:
    """The big call first, then the others cycling through the stages, the rest of the offers
    spread unevenly over them."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(calls - 1)]
    rest = offers - big
    sizes = [max(5, int(rest * w / sum(weights))) for w in weights]
    plan = [{"stage": "decided", "offers": big, "big": True, "days_ago": 90}]
    for index, size in enumerate(sizes):
        stage = STAGES[index % len(STAGES)]
        plan.append({"stage": stage, "offers": size, "big": False, "days_ago": DAYS_AGO[stage] + index % 4})
    return plan


def make_people(rng: random.Random, organisations: int, members: int) -> dict:
    from django.contrib.auth.hashers import make_password

    from accounts.models import User
    from bench import gen_text as text
    from organisations.models import Membership, Organisation

    password = make_password(BENCH_PASSWORD)  # one hash for all: hashing is not what is measured
    staff = [User(email="urzednik@bench.local", full_name="Urszula Urzędniczka", password=password),
             User(email="burmistrz@bench.local", full_name="Bogdan Burmistrz", password=password)]
    commission = [User(email=f"komisja{i + 1:02d}@bench.local", full_name=text.person(rng), password=password)
                  for i in range(members)]
    applicants = [User(email=f"oferent{i + 1:04d}@bench.local", full_name=text.person(rng), password=password)
                  for i in range(organisations)]
    User.objects.bulk_create(staff + commission + applicants, batch_size=2000)
    _staff_roles(*staff)
    orgs = []
    for index, (name, form) in enumerate(text.organisation_names(rng, organisations)):
        orgs.append(Organisation(
            name=name, legal_form=form, krs=f"{rng.randint(1, 999999):010d}", nip=text.nip(rng),
            regon=text.regon(rng), street=f"{rng.choice(text.STREETS)} {rng.randint(1, 80)}", postal_code="17-200",
            city="Hajnówka", email=f"biuro{index + 1:04d}@bench.local", phone=f"85 {rng.randint(100, 999)} "
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}", bank_account=text.iban(rng),
            representatives=f"{text.person(rng)} – prezes zarządu\n{text.person(rng)} – skarbnik"))
    Organisation.objects.bulk_create(orgs, batch_size=2000)
    Membership.objects.bulk_create([Membership(organisation=o, user=u) for o, u in zip(orgs, applicants)],
                                   batch_size=2000)
    return {"clerk": staff[0], "mayor": staff[1], "commission": commission, "orgs": orgs,
            "users": dict(zip((o.pk for o in orgs), applicants))}


def _staff_roles(clerk, mayor) -> None:
    """The clerk and the authority hold their roles at the reference call's authority."""
    from authorities.services import authority_for_document, role_grant
    from demo import reference_document

    authority, _created = authority_for_document(data=reference_document()["authority"])
    role_grant(authority=authority, user=clerk, role="clerk")
    role_grant(authority=authority, user=mayor, role="decider")


def make_call(index: int, spec: dict, clerk, today):
    from competition import services
    from demo import REFERENCE_ANNOUNCED, reference_document
    from competition.models import Call

    announced = today - timedelta(days=spec["days_ago"])
    doc = services.shift_dates(reference_document(), announced - REFERENCE_ANNOUNCED)
    scale = max(1, round(spec["offers"] / 25))  # enough money for about half of the offers (gen_offers: asks)
    for action in doc["actions"]:
        action["budget"] = str(Decimal(action["budget"]) * scale)
    doc.update(slug=f"{doc['slug']}-{index + 1:02d}",
               title=f"{doc['title']} (edycja {index + 1}, {spec['offers']} ofert)")
    call = services.call_import(document=doc, by=clerk)
    call = services.call_publish(call=call, by=clerk, now=_at(announced, 9))
    return Call.objects.prefetch_related("actions__indicators", "zones", "lpr_projects").get(pk=call.pk)


def offer_plans(rng: random.Random, call, spec: dict, people: dict, now: datetime) -> list:
    from bench.gen_offers import OfferPlan

    orgs = people["orgs"]
    leads = rng.sample(orgs, min(spec["offers"], len(orgs)))
    opened = call.published_at
    last = min(call.submission_deadline - timedelta(hours=1), now - timedelta(hours=1))
    submit_share = 0.55 if spec["stage"] == "published" else (1.0 if spec["big"] else 0.93)
    plans = []
    for lead in leads:
        created = opened + (last - opened) * rng.uniform(0.05, 0.6)
        joint = rng.random()
        partners = rng.sample([o for o in orgs[:200] if o.pk != lead.pk], 2 if joint < 0.03 else 1 if joint < 0.18
                              else 0)
        submitted = created + (last - created) * rng.uniform(0.2, 1.0) if rng.random() < submit_share else None
        plans.append(OfferPlan(lead=lead, user=people["users"][lead.pk], partners=partners,
                               submitted_at=submitted, created_at=created))
    return plans


class Phases:
    """Seconds per phase of building a call, for the log."""

    def __init__(self):
        self.last, self.parts = time.monotonic(), []

    def __call__(self, name: str) -> None:
        now = time.monotonic()
        self.parts.append(f"{name} {now - self.last:.1f}")
        self.last = now

    def __str__(self) -> str:
        return ", ".join(self.parts)


def build_call(rng: random.Random, index: int, spec: dict, people: dict, today, now) -> dict:
    from bench import gen_merit, gen_offers, gen_stages
    from demo import reference_document
    from competition.models import Call

    clerk, mayor = people["clerk"], people["mayor"]
    phase = Phases()
    call = make_call(index, spec, clerk, today)
    plans = offer_plans(rng, call, spec, people, now)
    asks = {a["code"]: Decimal(a["budget"]) for a in reference_document()["actions"]}
    offers = gen_offers.create_offers(rng, call, plans, asks)
    phase("offers")
    gen_offers.submit_versions(offers, plans)
    phase("versions")
    stage = spec["stage"]
    if stage != "published":
        confirmed = 0.5 if stage == "formal_check" else 1.0
        call = gen_stages.formal_stage(rng, call, clerk, confirmed=confirmed, rejected=0.02 if spec["big"] else 0.05,
                                       until=now)
        phase("formal")
    if stage in ("merit_evaluation", "decided"):
        start = call.confirmation_deadline + timedelta(days=2)
        size = len(people["commission"]) if spec["big"] else min(5, len(people["commission"]))
        seats = gen_stages.appoint(call, people["commission"][:size], clerk, now=start)
        call = gen_stages.formal_close(call, clerk, now=start + timedelta(hours=3))
        end = min(now - timedelta(hours=2), start + timedelta(days=10))
        done = stage == "decided"
        gen_merit.score(rng, call, seats, start=start + timedelta(days=1), end=end, submitted=1.0 if done else 0.7,
                        drafts=0.0 if done else 0.1)
        phase("merit")
        if done:
            call = gen_merit.close_and_decide(call, people["commission"][0], clerk, mayor,
                                              closed=end + timedelta(days=1))
            phase("decision")
    call = Call.objects.get(pk=call.pk)
    return {"slug": call.slug, "state": call.state, "offers": len(offers), "pk": call.pk, "phases": str(phase),
            "drafts": [o.pk for o, p in zip(offers, plans) if not p.submitted_at],
            "leads": {o.pk: people["users"][p.lead.pk].email for o, p in zip(offers, plans)}}


def _pdf_offer(big: dict) -> tuple[int, str]:
    """The big call's offer with the most cost items (a joint offer if there is one): the offer PDF."""
    from django.db.models import Count

    from offers.models import Offer

    offer = (Offer.objects.filter(call__slug=big["slug"]).annotate(items=Count("offer_actions__cost_items"),
                                                                    joint=Count("partners", distinct=True))
             .order_by("-joint", "-items", "pk").first())
    return offer.pk, big["leads"][offer.pk]


def generate(*, calls: int, offers: int, big: int, members: int, seed: int, out: Path) -> dict:
    from django.db import transaction
    from django.utils import timezone

    rng = random.Random(seed)
    today, now = timezone.localdate(), timezone.now()
    started = time.monotonic()
    with transaction.atomic():
        people = make_people(rng, max(big + 200, offers // 3), members)
    built = []
    for index, spec in enumerate(plan_calls(rng, calls, offers, big)):
        with transaction.atomic():
            built.append(build_call(rng, index, spec, people, today, now))
        print(f"  call {index + 1:2d}/{calls}: {built[-1]['state']:<17} {built[-1]['offers']:5d} offers "
              f"({time.monotonic() - started:5.1f} s: {built[-1]['phases']})", flush=True)
    big_call = built[0]
    open_call = next(c for c in built if c["state"] == "published" and c["drafts"])
    decided = next(c for c in built[1:] if c["state"] == "decided")
    draft = open_call["drafts"][0]
    pdf_offer, pdf_user = _pdf_offer(big_call)
    manifest = {
        "scale": {"calls": calls, "offers": offers, "big": big, "members": members, "seed": seed},
        "seconds": round(time.monotonic() - started, 1),
        "calls": [{k: c[k] for k in ("slug", "state", "offers")} for c in built],
        "big": big_call["slug"], "decided": decided["slug"], "open": open_call["slug"],
        "clerk": people["clerk"].email, "mayor": people["mayor"].email,
        "member": people["commission"][min(2, members - 1)].email,
        "applicant": open_call["leads"][draft], "draft_offer": draft,
        "pdf_offer": pdf_offer, "pdf_user": pdf_user,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--offers", type=int, default=5000, help="offers in total, over all calls")
    parser.add_argument("--big", type=int, default=1000, help="offers in the one big call")
    parser.add_argument("--members", type=int, default=10, help="commission members of each call")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "manifest.json")
    args = parser.parse_args()
    if args.calls < 2 or args.big > args.offers or args.members < 2:
        parser.error("need at least 2 calls, --big within --offers and at least 2 commission members")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("OUTBOX_SEND_ON_COMMIT", "false")  # the notices wait in the outbox, as with a worker down
    import django

    django.setup()
    manifest = generate(calls=args.calls, offers=args.offers, big=args.big, members=args.members, seed=args.seed,
                        out=args.out)
    print(f"generated {args.offers} offers in {args.calls} calls in {manifest['seconds']} s → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
