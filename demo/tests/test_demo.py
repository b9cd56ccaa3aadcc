"""`manage.py load_demo`: the Hajnówka 2019 call as the announcement has it, open today."""
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from authorities.models import AuthorityRole
from demo.loader import DEMO_PASSWORD, DEMO_USERS, SEATS
from competition.models import (
    Action,
    Call,
    CallEvent,
    CommissionMember,
    FormalCriterion,
    Indicator,
    MeritCriterion,
    MeritSubcriterion,
    RevitalisationProject,
    ScaleStep,
    UrbanZone,
)
from competition.selectors import merit_max_points
from organisations.models import Membership, Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]  # the demo is built once per module

SLUG = "hajnowka-2019-rewitalizacja"
BUDGETS = {"A": Decimal("30000.00"), "B": Decimal("5000.00"), "C": Decimal("7200.00"), "D": Decimal("24000.00")}
MINIMUMS = {
    "A": [100, 5, 3, 20, 5],
    "B": [20, 10],
    "C": [10, 20, 1, 3, 2, 10],
    "D": [12, 120],
}
ZONES = ["Chemiczna", "Kolejki Leśne", "Chopina", "Lipowa I", "Międzytory", "Mostowa", "Centrum-Millenium"]
LPR_CODES = ["1a", "1b", "6", "7", "10", "11", "12", "20", "21", "22", "23"]


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_call(demo_loaded):
    return Call.objects.get(slug=SLUG)


def test_demo_call_is_published_with_the_announcement_budgets(demo_call):
    assert demo_call.state == Call.State.PUBLISHED
    assert demo_call.published_at is not None
    assert {a.code: a.budget for a in demo_call.actions.all()} == BUDGETS
    assert list(demo_call.actions.values_list("code", flat=True)) == ["A", "B", "C", "D"]
    assert demo_call.total_budget == Decimal("66200.00")


@pytest.mark.parametrize("code", MINIMUMS)
def test_demo_call_has_every_indicator_minimum(demo_call, code):
    action = demo_call.actions.get(code=code)
    assert [ind.minimum for ind in action.indicators.all()] == [Decimal(m) for m in MINIMUMS[code]]


def test_demo_call_has_the_zones_and_lpr_projects(demo_call):
    assert list(demo_call.zones.values_list("name", flat=True)) == ZONES
    assert list(demo_call.lpr_projects.values_list("code", flat=True)) == LPR_CODES


def test_demo_call_has_the_criteria_and_65_points(demo_call):
    assert demo_call.formal_criteria.count() == 4
    assert list(demo_call.merit_criteria.values_list("code", flat=True)) == list("abcdefgh")
    assert demo_call.max_points == 65
    assert sum(merit_max_points(c) for c in demo_call.merit_criteria.all()) == 65
    assert demo_call.min_actions == 2
    assert (demo_call.max_grant_share, demo_call.max_admin_share) == (Decimal("0.90"), Decimal("0.15"))


def test_demo_call_is_open_for_submission_now(demo_call):
    now = timezone.now()
    assert demo_call.is_open_for_submission(now)
    assert demo_call.announcement_date == timezone.localdate()
    deadline = timezone.localtime(demo_call.submission_deadline)
    assert deadline.date() - timezone.localdate() == timedelta(days=26)  # 24.04 → 20.05 in 2019
    assert (deadline.hour, deadline.minute) == (23, 59)
    assert demo_call.confirmation_deadline > demo_call.submission_deadline


def test_demo_call_is_on_the_public_page(demo_call, client):
    response = client.get(f"/calls/{SLUG}/")
    assert response.status_code == 200
    assert "66 200,00 zł" in response.content.decode()


def test_running_load_demo_twice_creates_nothing_new():
    load_demo()
    models = (Call, Action, Indicator, UrbanZone, RevitalisationProject, FormalCriterion, MeritCriterion,
              MeritSubcriterion, ScaleStep, CallEvent, CommissionMember, User, Organisation, Membership)
    before = {m.__name__: m.objects.count() for m in models}

    load_demo()

    assert {m.__name__: m.objects.count() for m in models} == before
    assert before["Call"] == 5  # the open reference call, its copies in the formal check, in merit evaluation, decided;
    # the second authority's open call (demo/second_authority.py)


def test_one_demo_user_per_role_exists_and_can_log_in(demo_call):
    for spec in DEMO_USERS:
        user = User.objects.get(email=spec.email)
        assert user.check_password(DEMO_PASSWORD), spec.email

    assert User.objects.filter(email__in=[s.email for s in DEMO_USERS], is_superuser=True).count() == 1
    held = set(AuthorityRole.objects.filter(user__email__in=[s.email for s in DEMO_USERS])
               .values_list("user__email", "authority__slug", "role"))
    assert held == {("urzednik@demo.local", demo_call.authority.slug, "clerk"),
                    ("burmistrz@demo.local", demo_call.authority.slug, "decider")}
    seats = {(m.user.email, m.role, m.kind) for m in demo_call.commission.select_related("user")}
    assert seats == {(email, role, kind) for email, (role, kind) in SEATS.items()}
    assert {m.role for m in demo_call.commission.all()} == set(CommissionMember.Role.values)
    applicants = Membership.objects.filter(user__email__in=["oferent@demo.local", "partner@demo.local"])
    assert applicants.count() == 3  # Olga also acts for a seniors' association in the formal-check call
    assert {m.organisation.legal_form for m in applicants} <= set(demo_call.eligible_entity_types)


def test_demo_import_is_recorded_as_the_clerks(demo_call):
    clerk = User.objects.get(email="urzednik@demo.local")
    assert list(demo_call.events.values_list("kind", "by")) == [
        (CallEvent.Kind.IMPORTED, clerk.pk),
        (CallEvent.Kind.TRANSITION, clerk.pk),
    ]


@pytest.mark.django_db
def test_demo_has_offers_in_every_state_valid_against_the_call():
    from offers import selectors as offer_selectors
    from offers import services as offer_services
    from offers.models import Offer

    call_command("load_demo", stdout=io.StringIO())
    offers = Offer.objects.select_related("organisation").filter(call__slug="hajnowka-2019-rewitalizacja")
    states = sorted(o.state for o in offers)
    assert states == ["draft", "submitted", "submitted", "withdrawn"]
    joint = [o for o in offers if o.partners.exists()]
    assert len(joint) == 1 and joint[0].state == "submitted"
    for offer in offers.exclude(state="draft"):
        version = offer.versions.order_by("-number").first()
        assert version.checksum == offer_services.checksum(version.data)
        member = offer.organisation.memberships.first().user
        full = offer_selectors.offer_get_for_user(pk=offer.pk, user=member)
        assert offer_selectors.offer_problems(full) == []


@pytest.mark.django_db
def test_demo_has_a_call_in_the_formal_check_with_sheets_in_every_state():
    from evaluation.models import ConfirmationReceipt, FormalSheet

    call_command("load_demo", stdout=io.StringIO())
    call = Call.objects.get(slug="hajnowka-2019-ocena-formalna")
    assert call.state == Call.State.FORMAL_CHECK and call.four_eyes and call.correction_days == 7
    states = sorted((s.state, s.result) for s in FormalSheet.objects.filter(offer__call=call))
    assert states == [("approved", "admitted"), ("confirmed", "admitted"), ("confirmed", "rejected"),
                      ("open", ""), ("open", ""), ("returned", "")]
    assert ConfirmationReceipt.objects.filter(offer__call=call, matches=False).count() == 1
