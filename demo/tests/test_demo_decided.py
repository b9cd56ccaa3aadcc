"""`manage.py load_demo`: the fourth demo call, decided by the authority with its results published."""
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from awards import selectors as award_selectors
from awards.models import AwardEvent, Decision
from demo.decided import DECIDED_SLUG, DECISION_ORDER, LOWERED
from competition import selectors_publication
from competition.models import Call
from evaluation.models import Declaration, MeritEvent, MeritResult, ScoreSheet
from offers.models import Offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]  # the demo is built once per module

ZERO = Decimal("0.00")


@pytest.fixture
def call(demo_loaded):
    return Call.objects.get(slug=DECIDED_SLUG)


def test_the_decided_call_has_a_locked_decision_with_the_mayors_change_and_published_results(call):
    assert call.state == Call.State.DECIDED
    assert call.results_published_at is not None
    decision = Decision.objects.get(call=call)
    assert decision.is_locked and decision.order_number == DECISION_ORDER and decision.order_date
    assert decision.locked_by.email == "burmistrz@demo.local"
    assert call.results_published_at > decision.locked_at
    kinds = list(AwardEvent.objects.filter(call=call).values_list("kind", flat=True))
    assert kinds == ["proposed", "changed", "locked", "neg_opened", "neg_opened", "published", "neg_accepted",
                     "neg_withdrew", "reallocated", "neg_opened"]
    lowered = [g for g in award_selectors.grants_of(decision) if ZERO < g.awarded < g.proposed]
    assert len(lowered) == 1
    code, amount = LOWERED
    assert lowered[0].action.code == code and lowered[0].awarded == amount < lowered[0].proposed
    assert lowered[0].position == 1


def test_six_offers_one_joint_one_rejected_and_every_sheet_submitted(call):
    offers = list(Offer.objects.filter(call=call).prefetch_related("partners"))
    assert sorted(o.state for o in offers) == ["admitted"] * 3 + ["negotiation", "rejected", "resigned"]
    assert [o.partners.count() for o in offers if o.partners.exists()] == [2]
    assert MeritResult.objects.filter(offer__call=call).count() == 5
    conflict = Declaration.objects.get(offer__call=call, conflict=True)
    assert conflict.member.user.email == "czlonek@demo.local" and conflict.excludes
    assert Declaration.objects.filter(offer__call=call).count() == 4 * 5
    assert not ScoreSheet.objects.filter(offer__call=call, state=ScoreSheet.State.DRAFT).exists()
    assert ScoreSheet.objects.filter(offer__call=call, total__isnull=False).count() == 3 * 5 - 1
    closed = MeritEvent.objects.get(call=call, kind=MeritEvent.Kind.CLOSED)
    assert closed.by.email == "przewodniczaca@demo.local" and not closed.details["reason"]


def test_the_walk_funds_one_offer_in_part_and_another_not_at_all_and_a_rerun_adds_nothing(call):
    decision = award_selectors.decision_of(call)
    grants = list(award_selectors.grants_of(decision))
    by_offer: dict[str, list] = {}
    for grant in grants:
        by_offer.setdefault(grant.offer.number, []).append(grant)
    partial = [n for n, gs in by_offer.items() if any(g.partial for g in gs)]
    unfunded = [n for n, gs in by_offer.items() if all(g.proposed == ZERO for g in gs)]
    assert len(partial) == 1 and len(unfunded) == 1
    places = {p.candidate.number: p.position for p in award_selectors.ranking(call)}
    assert places[partial[0]] < places[unfunded[0]]  # the money ran out along the ranking
    assert {s["outcome"] for s in decision.steps} >= {"full", "partial", "exhausted"}
    for total in award_selectors.action_totals(call, decision):
        assert total.awarded <= total.budget
    assert any(t.left == ZERO for t in award_selectors.action_totals(call, decision))

    counts = (Decision.objects.count(), AwardEvent.objects.count(), ScoreSheet.objects.count())
    call_command("load_demo", stdout=io.StringIO())  # a second run leaves the decided call as it is
    assert (Decision.objects.count(), AwardEvent.objects.count(), ScoreSheet.objects.count()) == counts
    assert Call.objects.filter(slug=DECIDED_SLUG).count() == 1


def test_the_lower_grants_were_answered_and_the_freed_money_re_allocated(call):
    """The best offer accepted its lower grant with an updated offer, the fourth resigned, and
    the authority gave the freed money to the fifth, which now negotiates (its deadline ahead)."""
    from django.utils import timezone

    from offers import selectors as offer_selectors

    decision = award_selectors.decision_of(call)
    offers = {o.number: o for o in Offer.objects.filter(call=call)}
    best, fourth, fifth = offers["001"], offers["004"], offers["005"]
    assert best.state == Offer.State.ADMITTED and best.versions.count() == 2
    per_action, _whole = offer_selectors.offer_totals(best)
    code, amount = LOWERED
    assert per_action[code].grant == amount == Decimal(best.fixed_grants[code])
    assert not offer_selectors.offer_problems(best)  # the updated offer keeps every rule of the call
    assert fourth.state == Offer.State.RESIGNED
    assert all(g.awarded == ZERO for g in fourth.grants.all())
    assert fifth.state == Offer.State.NEGOTIATION and fifth.fixed_until > timezone.now()
    freed = {g.action.code: g.proposed for g in fourth.grants.all()}
    assert {g.action.code: g.awarded for g in fifth.grants.all()} == freed
    assert {k: Decimal(v) for k, v in fifth.fixed_grants.items()} == freed
    for total in award_selectors.action_totals(call, decision):
        assert total.awarded <= total.budget


def test_the_decided_call_has_its_publication_record_and_its_public_record_downloads(call, client):
    record = {doc.kind: doc for doc in selectors_publication.publication_record(call)}
    assert {"announcement", "formal_results", "results"} <= set(record)
    assert record["announcement"].missing == [] and record["results"].missing == []  # BIP, notice board, the portal
    assert [p.place for p in record["formal_results"].places] == ["website", "bip"]
    page = client.get(call.get_absolute_url()).content.decode()
    assert 'id="publication"' in page and "https://bip.example.org/konkursy/" in page
    response = client.get(reverse("reports:call_archive", kwargs={"slug": call.slug}))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert {"05-wyniki-konkursu.pdf", "06-ranking.pdf", "07-rejestr-publikacji.csv", "README.txt"} <= set(
        archive.namelist())


def test_no_demo_contract_spends_the_grant_before_it_is_signed(call):
    from contracts.models import Contract

    contracts = list(Contract.objects.filter(call=call))
    assert contracts
    for contract in contracts:
        assert contract.signed_on <= contract.spending_from <= contract.end_date, contract.number


def test_the_authoritys_lowered_amount_has_its_reason_on_the_public_results(call, client):
    from django.urls import reverse

    from demo.decided import LOWERED_REASON

    decision = Decision.objects.get(call=call)
    lowered = [g for g in award_selectors.grants_of(decision) if ZERO < g.awarded < g.proposed]
    assert lowered[0].reason == LOWERED_REASON
    page = client.get(reverse("reports:results", kwargs={"slug": call.slug})).content.decode()
    assert LOWERED_REASON in page


def test_the_demo_people_have_sensible_forms_of_address(call):
    from accounts.models import User

    forms = dict(User.objects.filter(email__endswith="@demo.local").values_list("email", "address_form"))
    assert forms["przewodniczaca@demo.local"] == "feminine"
    assert forms["sekretarz@demo.local"] == "masculine"
    assert forms["ekspert@demo.local"] == "feminine"
    assert forms["admin@demo.local"] == "neutral"  # nothing chosen: neutral wording
