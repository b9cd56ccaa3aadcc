"""`manage.py load_demo`: the third demo call, in the merit evaluation with the commission's
work in every state the screens show."""
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.merit import MERIT_SLUG, ORDER_NUMBER, REOPEN_REASON
from competition.models import Call, CommissionMember
from evaluation.merit import selectors as selectors_merit
from evaluation.models import Declaration, MeritEvent, MeritResult, ScoreSheet
from offers.models import Offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]  # the demo is built once per module


@pytest.fixture
def merit_call(demo_loaded):
    return Call.objects.get(slug=MERIT_SLUG)


def _cells(call) -> dict[tuple[str, str], str]:
    """{(member e-mail, offer number): state} from the progress matrix."""
    state = selectors_merit.progress(call)
    return {(member.user.email, row.offer.number): row.cells[i].state
            for row in state.rows for i, member in enumerate(state.members)}


def test_the_merit_call_is_open_for_scoring_with_its_commission_order_and_deadline(merit_call):
    assert merit_call.state == Call.State.MERIT_EVALUATION  # left open: the demo chair closes it
    assert merit_call.commission_order_number == ORDER_NUMBER
    assert merit_call.commission_order_date < timezone.localdate()
    assert timezone.now() < merit_call.scoring_deadline < timezone.now() + timedelta(days=7)
    seats = {(m.user.email, m.role, m.kind) for m in merit_call.commission.select_related("user")}
    assert seats == {
        ("przewodniczaca@demo.local", CommissionMember.Role.CHAIR, CommissionMember.Kind.CITY),
        ("sekretarz@demo.local", CommissionMember.Role.SECRETARY, CommissionMember.Kind.CITY),
        ("czlonek@demo.local", CommissionMember.Role.MEMBER, CommissionMember.Kind.NGO),
        ("ekspert@demo.local", CommissionMember.Role.MEMBER, CommissionMember.Kind.EXPERT),
    }
    assert not MeritResult.objects.filter(offer__call=merit_call).exists()


def test_the_merit_call_has_varied_offers_one_joint_and_one_rejected(merit_call):
    offers = list(Offer.objects.filter(call=merit_call).prefetch_related("partners", "zones", "lpr_projects"))
    assert sorted(o.state for o in offers) == ["admitted"] * 4 + ["rejected"]
    assert [o.partners.count() for o in offers if o.partners.exists()] == [2]
    assert {o.zones.count() for o in offers} == {3, 4, 5, 6, 7}
    assert {o.lpr_projects.count() for o in offers} == {0, 1, 2, 3}
    assert len({o.title for o in offers}) == 5


def test_the_commissions_sheets_are_in_every_state(merit_call):
    cells = _cells(merit_call)
    states = set(cells.values())
    assert states == {"submitted", "draft", "declared", "excluded", "undeclared"}
    assert cells[("sekretarz@demo.local", "003")] == "draft"        # never submitted
    assert cells[("sekretarz@demo.local", "004")] == "declared"     # not started
    assert cells[("ekspert@demo.local", "004")] == "undeclared"
    assert cells[("czlonek@demo.local", "001")] == "excluded"
    submitted = ScoreSheet.objects.filter(offer__call=merit_call, state=ScoreSheet.State.SUBMITTED,
                                          member__kind__in=["city", "ngo"])
    assert submitted.count() == 8 and all(s.total for s in submitted)
    assert len({s.total for s in submitted}) > 3  # varied points


def test_the_conflict_names_ground_five_with_an_explanation(merit_call):
    conflict = Declaration.objects.get(offer__call=merit_call, conflict=True)
    assert conflict.member.user.email == "czlonek@demo.local"
    assert conflict.grounds == [4] and conflict.excludes
    assert conflict.explanation and conflict.explanation in conflict.text
    assert conflict.offer.partners.count() == 2  # the joint offer of his former association


def test_a_sheet_reopened_by_the_chair_waits_to_be_submitted_again(merit_call):
    event = MeritEvent.objects.get(call=merit_call, kind=MeritEvent.Kind.REOPENED)
    assert event.by.email == "przewodniczaca@demo.local"
    assert event.details["reason"] == REOPEN_REASON
    sheet = ScoreSheet.objects.get(offer=event.offer, member=event.member)
    assert sheet.state == ScoreSheet.State.DRAFT and sheet.submitted_at is not None
    assert event.at > sheet.submitted_at


def test_the_expert_gave_an_opinion_without_points(merit_call):
    opinion = ScoreSheet.objects.get(offer__call=merit_call, member__kind=CommissionMember.Kind.EXPERT)
    assert opinion.is_submitted and opinion.opinion and opinion.total is None
    assert not opinion.scores.exists()


def test_running_load_demo_again_leaves_the_merit_call_as_it_is(merit_call):
    counts = (ScoreSheet.objects.count(), Declaration.objects.count(), MeritEvent.objects.count())
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert (ScoreSheet.objects.count(), Declaration.objects.count(), MeritEvent.objects.count()) == counts
    assert Call.objects.filter(slug=MERIT_SLUG).count() == 1
