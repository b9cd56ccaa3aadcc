"""The chair's screens of the merit evaluation, through the test client, for every role.

Totals used below (reference call, offer 0: two offerors, 3 zones, 2 LPR projects, so the
computed criteria give 7 points): `score(seat, offer, 3)` → 43, `2` → 34, `1` → 21, `0` → 7,
no value (every maximum) → 47. Offer 1 (one offeror): 41 / 32 / 19 / 5 / 45; offer 2 (5 zones,
3 LPR projects): 49 / 40 / 27 / 13 / 53.
"""
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from competition.models import Call, CommissionMember
from evaluation.merit import services as services_merit
from evaluation.models import Declaration, MeritEvent, MeritResult, ScoreSheet
from evaluation.merit.rules import positions
from evaluation.merit.display.chair import OUTLIER_SHARE
from tests_support.factories import CallFactory, MayorFactory, MembershipFactory, UserFactory
from tests_support.merit import declare_all, merit_call, score

pytestmark = pytest.mark.django_db

FOLLOWERS = ("chair", "secretary", "clerk", "admin_user")
NOT_FOLLOWERS = ("member", "expert", "mayor", "applicant", "outsider", "anonymous")
RESULT_VIEWERS = ("chair", "secretary", "member", "expert", "clerk", "mayor", "admin_user")
NOT_RESULT_VIEWERS = ("applicant", "outsider", "anonymous")


def pl(text: str) -> str:
    with translation.override("pl"):
        return translation.gettext(text)


def url(name: str, call: Call, **kwargs) -> str:
    return reverse(f"chair:{name}", kwargs={"slug": call.slug, **kwargs})


def refresh(call: Call) -> Call:
    return Call.objects.get(pk=call.pk)


@pytest.fixture
def mc(reference_call, clerk):
    return merit_call(reference_call, clerk)


@pytest.fixture
def secretary(mc):
    """The commission's secretary (a city representative, so also a voting member)."""
    return CommissionMember.objects.create(call=mc.call, user=UserFactory(full_name="Sabina Sekretarz"),
                                           role=CommissionMember.Role.SECRETARY, kind=CommissionMember.Kind.CITY)


@pytest.fixture
def user_of(mc, secretary, clerk, db):
    """`user_of("chair")`: the user acting in that role (None: anonymous)."""
    users = {
        "chair": mc.chair.user, "secretary": secretary.user, "member": mc.members[0].user,
        "expert": mc.expert.user, "clerk": clerk, "mayor": MayorFactory(),
        "admin_user": UserFactory(is_superuser=True, is_staff=True), "applicant": MembershipFactory().user,
        "outsider": UserFactory(), "anonymous": None,
    }
    return users.__getitem__


def login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def as_chair(client, mc):
    return login(client, mc.chair.user)


def close_with_reason(mc):
    return services_merit.merit_close(call=mc.call, by=mc.chair.user, reason="Posiedzenie komisji się zakończyło.")


# --- who may see and do what ------------------------------------------------------------------------


@pytest.mark.parametrize("role", FOLLOWERS + NOT_FOLLOWERS)
def test_progress_and_history_only_for_the_chair_secretary_clerks_and_admins(client, mc, user_of, role):
    declare_all(mc)
    login(client, user_of(role))
    expected = 200 if role in FOLLOWERS else 404
    assert client.get(url("progress", mc.call)).status_code == expected
    assert client.get(url("history", mc.call)).status_code == expected
    assert client.get(url("results", mc.call)).status_code == 404  # not closed yet: for nobody


@pytest.mark.parametrize("role", RESULT_VIEWERS + NOT_RESULT_VIEWERS)
def test_results_after_closing_for_the_commission_clerks_the_mayor_and_admins(client, mc, user_of, role):
    declare_all(mc)
    score(mc.chair, mc.offers[0], 3)
    close_with_reason(mc)
    login(client, user_of(role))
    response = client.get(url("results", mc.call))
    assert response.status_code == (200 if role in RESULT_VIEWERS else 404)


@pytest.mark.parametrize("role", tuple(r for r in FOLLOWERS + NOT_FOLLOWERS if r != "chair"))
def test_only_the_chair_may_lift_reopen_or_close(client, mc, user_of, role):
    declare_all(mc, conflicts={(mc.members[1], mc.offers[0])})
    sheet = score(mc.members[0], mc.offers[0], 2)
    declaration = Declaration.objects.get(member=mc.members[1], offer=mc.offers[0])
    login(client, user_of(role))
    data = {f"lift-{declaration.pk}-reason": "Pomyłka", f"reopen-{sheet.pk}-reason": "Pomyłka",
            "close-reason": "Koniec"}
    assert client.post(url("conflict_lift", mc.call, declaration_pk=declaration.pk), data).status_code == 404
    assert client.post(url("sheet_reopen", mc.call, sheet_pk=sheet.pk), data).status_code == 404
    assert client.post(url("close", mc.call), data).status_code == 404
    declaration.refresh_from_db()
    sheet.refresh_from_db()
    assert declaration.excludes and sheet.is_submitted
    assert refresh(mc.call).state == Call.State.MERIT_EVALUATION
    assert not MeritEvent.objects.filter(kind__in=["conflict_lifted", "reopened", "closed"]).exists()


def test_the_chair_of_another_call_cannot_reach_this_calls_declarations_or_sheets(client, mc):
    declare_all(mc, conflicts={(mc.members[1], mc.offers[0])})
    sheet = score(mc.members[0], mc.offers[0], 2)
    declaration = Declaration.objects.get(member=mc.members[1], offer=mc.offers[0])
    other = CallFactory(published=True)
    Call.objects.filter(pk=other.pk).update(state=Call.State.MERIT_EVALUATION)
    chair = CommissionMember.objects.create(call=other, user=UserFactory(), role=CommissionMember.Role.CHAIR)
    login(client, chair.user)
    assert client.post(url("conflict_lift", other, declaration_pk=declaration.pk),
                       {f"lift-{declaration.pk}-reason": "Pomyłka"}).status_code == 404
    assert client.post(url("sheet_reopen", other, sheet_pk=sheet.pk),
                       {f"reopen-{sheet.pk}-reason": "Pomyłka"}).status_code == 404
    declaration.refresh_from_db()
    sheet.refresh_from_db()
    assert declaration.excludes and sheet.is_submitted


def test_the_posts_refuse_get(client, mc):
    as_chair(client, mc)
    assert client.get(url("close", mc.call)).status_code == 405


def test_the_manage_page_links_to_the_progress_once_the_merit_evaluation_runs(client, mc, clerk):
    login(client, clerk)
    page = client.get(reverse("competition:manage_detail", kwargs={"slug": mc.call.slug})).content.decode()
    assert url("progress", mc.call) in page


# --- points: the chair sees them, the others only after closing ---------------------------------------


def test_only_the_chair_sees_totals_and_means_while_scoring(client, mc, user_of):
    declare_all(mc)
    score(mc.chair, mc.offers[0], 3)       # 43
    score(mc.members[0], mc.offers[0], 2)  # 34 → mean 38,50
    chair_page = as_chair(client, mc).get(url("progress", mc.call)).content.decode()
    assert 'data-total="43"' in chair_page and 'data-total="34"' in chair_page
    assert "38,50" in chair_page
    for role in ("secretary", "clerk"):
        page = login(client, user_of(role)).get(url("progress", mc.call)).content.decode()
        assert page.count('data-state="submitted"') == 2  # the states are there …
        assert "data-total" not in page and "38,50" not in page and "offer-mean" not in page  # … the points not
        history = client.get(url("history", mc.call)).content.decode()
        assert escape(pl("Total points")) not in history and "a: — → 9" not in history
    history = as_chair(client, mc).get(url("history", mc.call)).content.decode()
    assert escape(pl("Total points")) in history and "a: — → 9" in history


def test_after_closing_the_secretary_sees_the_points_too(client, mc, user_of):
    declare_all(mc)
    score(mc.chair, mc.offers[0], 3)
    score(mc.members[0], mc.offers[0], 2)
    close_with_reason(mc)
    page = login(client, user_of("secretary")).get(url("progress", mc.call)).content.decode()
    assert "38,50" in page and 'data-total="43"' in page


def test_a_total_far_from_the_mean_is_marked(client, mc):
    declare_all(mc)
    score(mc.chair, mc.offers[0])          # 47
    score(mc.members[0], mc.offers[0], 3)  # 43
    score(mc.members[1], mc.offers[0], 0)  # 7 → mean 32,33; 20% of 65 = 13
    assert OUTLIER_SHARE * mc.call.max_points == 13
    page = as_chair(client, mc).get(url("progress", mc.call)).content.decode()

    def cell(seat):
        match = re.search(rf'id="cell-{mc.offers[0].pk}-{seat.pk}".*?</td>', page, re.S)
        return match.group(0)

    assert "outlier" in cell(mc.chair)          # 14,67 away
    assert "outlier" not in cell(mc.members[0])  # 10,67 away
    assert "outlier" in cell(mc.members[1])     # 25,33 away
    assert "7 – 47" in page


def test_the_mean_leaves_out_an_excluded_member_and_a_reopened_sheet(client, mc, secretary):
    offer = mc.offers[0]
    declare_all(mc)
    services_merit.declaration_make(seat=secretary, offer=offer, conflict=False, grounds=[])
    score(mc.chair, offer, 3)            # 43 counts
    score(secretary, offer, 2)           # 34 counts
    reopened = score(mc.members[0], offer, 1)  # 21, reopened below: no longer counts
    score(mc.members[1], offer, 2)       # 34, then a conflict: no longer counts
    services_merit.declaration_make(seat=mc.members[1], offer=offer, conflict=True, grounds=[1],
                                    explanation="Jestem członkiem zarządu oferenta.")
    as_chair(client, mc).post(url("sheet_reopen", mc.call, sheet_pk=reopened.pk),
                              {f"reopen-{reopened.pk}-reason": "Błąd w kryterium b"})
    page = client.get(url("progress", mc.call)).content.decode()
    mean = re.search(rf'id="mean-{offer.pk}".*?</td>', page, re.S).group(0)
    assert "38,50" in mean  # (43 + 34) / 2; not 32,67 (with the reopened), 37,00 (the excluded), 33,00 (both)
    assert re.search(rf'id="sheets-{offer.pk}">2 / 2', page)
    assert f'id="cell-{offer.pk}-{mc.members[1].pk}" data-state="excluded"' in page
    assert f'id="cell-{offer.pk}-{mc.members[0].pk}" data-state="draft"' in page
    assert "Jestem członkiem zarządu oferenta." in page  # the conflict list shows the explanation


# --- reopening and lifting need a reason --------------------------------------------------------------


def test_reopening_needs_a_reason(client, mc):
    declare_all(mc)
    sheet = score(mc.members[0], mc.offers[0], 2)
    response = as_chair(client, mc).post(url("sheet_reopen", mc.call, sheet_pk=sheet.pk),
                                         {f"reopen-{sheet.pk}-reason": "  "})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-summary"' in page
    assert escape(pl("Give the reason for reopening the sheet; it goes into the protocol.")) in page
    assert f'href="#id_reopen-{sheet.pk}-reason"' in page
    sheet.refresh_from_db()
    assert sheet.is_submitted
    assert not MeritEvent.objects.filter(kind=MeritEvent.Kind.REOPENED).exists()

    response = client.post(url("sheet_reopen", mc.call, sheet_pk=sheet.pk),
                           {f"reopen-{sheet.pk}-reason": "Błąd w kryterium b"})
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.state == ScoreSheet.State.DRAFT
    assert MeritEvent.objects.get(kind=MeritEvent.Kind.REOPENED).details["reason"] == "Błąd w kryterium b"


def test_a_refused_reopening_keeps_what_the_chair_typed(client, mc):
    declare_all(mc)
    draft = score(mc.members[0], mc.offers[0], 2, submit=False)
    response = as_chair(client, mc).post(url("sheet_reopen", mc.call, sheet_pk=draft.pk),
                                         {f"reopen-{draft.pk}-reason": "Pomyłka w punktacji"})
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(pl("Only a submitted sheet can be reopened.")) in page
    assert "Pomyłka w punktacji" in page
    draft.refresh_from_db()
    assert draft.state == ScoreSheet.State.DRAFT and draft.revision == 1


def test_lifting_a_conflict_needs_a_reason(client, mc):
    declare_all(mc, conflicts={(mc.members[1], mc.offers[0])})
    declaration = Declaration.objects.get(member=mc.members[1], offer=mc.offers[0])
    response = as_chair(client, mc).post(url("conflict_lift", mc.call, declaration_pk=declaration.pk),
                                         {f"lift-{declaration.pk}-reason": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-summary"' in page
    assert escape(pl("Give the reason for lifting the conflict; it goes into the protocol.")) in page
    declaration.refresh_from_db()
    assert declaration.excludes and declaration.withdrawn_by is None
    assert not MeritEvent.objects.filter(kind=MeritEvent.Kind.CONFLICT_LIFTED).exists()

    response = client.post(url("conflict_lift", mc.call, declaration_pk=declaration.pk),
                           {f"lift-{declaration.pk}-reason": "Zaznaczone omyłkowo"})
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert not declaration.excludes and declaration.withdrawn_by == mc.chair.user
    assert declaration.withdrawn_reason == "Zaznaczone omyłkowo"


def test_the_conflict_list_names_the_grounds_from_the_call(client, mc):
    declare_all(mc, conflicts={(mc.members[1], mc.offers[0])})
    page = as_chair(client, mc).get(url("progress", mc.call)).content.decode()
    declaration = Declaration.objects.get(member=mc.members[1], offer=mc.offers[0])
    row = re.search(rf'id="conflict-{declaration.pk}".*?</tr>', page, re.S).group(0)
    assert escape(f"1. {mc.call.impartiality_grounds[0]}") in row
    assert "Celina Społeczna" in row and f'name="lift-{declaration.pk}-reason"' in row


# --- closing ------------------------------------------------------------------------------------------


def test_closing_an_incomplete_evaluation_needs_a_reason(client, mc):
    declare_all(mc)
    score(mc.chair, mc.offers[0], 3)
    score(mc.members[0], mc.offers[0], 2)
    response = as_chair(client, mc).post(url("close", mc.call), {"close-reason": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-summary"' in page and 'href="#id_close-reason"' in page
    missing = re.search(r'<ul id="missing">.*?</ul>', page, re.S).group(0)
    assert missing.count("<li>") == 7  # offer 0: Celina's sheet; offers 1 and 2: the three voting members' sheets
    assert "Celina Społeczna" in missing
    assert refresh(mc.call).state == Call.State.MERIT_EVALUATION
    assert not MeritResult.objects.exists()

    unconfirmed = client.post(url("close", mc.call), {"close-reason": "Członkini komisji nie stawiła się."})
    assert unconfirmed.status_code == 200 and 'href="#id_close-confirmed"' in unconfirmed.content.decode()
    assert "Członkini komisji nie stawiła się." in unconfirmed.content.decode()  # the reason typed is kept
    assert refresh(mc.call).state == Call.State.MERIT_EVALUATION

    response = client.post(url("close", mc.call), {"close-reason": "Członkini komisji nie stawiła się.",
                                                   "close-confirmed": "1"})
    assert response.status_code == 302 and response["Location"] == url("results", mc.call)
    assert refresh(mc.call).state == Call.State.SCORED
    assert MeritEvent.objects.get(kind=MeritEvent.Kind.CLOSED).details["reason"] == "Członkini komisji nie stawiła się."
    results = client.get(url("results", mc.call)).content.decode()
    assert results.count("quorum-flag") == 2  # offers 1 and 2 have no sheet at all


def test_closing_a_complete_evaluation_is_a_single_confirmation(client, mc):
    declare_all(mc)
    for seat in mc.scorers:
        for offer in mc.offers:
            score(seat, offer, 2)
    page = as_chair(client, mc).get(url("progress", mc.call)).content.decode()
    assert 'id="complete"' in page and 'name="close-reason"' not in page
    response = client.post(url("close", mc.call))
    assert response.status_code == 302
    assert refresh(mc.call).state == Call.State.SCORED
    assert MeritResult.objects.filter(offer__call=mc.call).count() == 3


# --- results ------------------------------------------------------------------------------------------


def test_results_are_ordered_by_the_exact_score_with_ties_ex_aequo(client, mc):
    declare_all(mc)
    first, second, third = mc.offers
    for seat, value in zip(mc.scorers, (0, None, None)):
        score(seat, first, value)   # 7 + 47 + 47 = 101 → 33,67
    for seat, value in zip(mc.scorers, (1, 3, 3)):
        score(seat, second, value)  # 19 + 41 + 41 = 101 → 33,67: the same exact mean
    for seat, value in zip(mc.scorers, (None, None, 2)):
        score(seat, third, value)   # 53 + 53 + 40 = 146 → 48,67
    as_chair(client, mc).post(url("close", mc.call))
    page = client.get(url("results", mc.call)).content.decode()
    order = [int(pk) for pk in re.findall(r'<tr id="result-(\d+)"', page)]
    assert order == [third.pk, first.pk, second.pk]
    assert re.findall(r'data-position="(\d*)"', page) == ["1", "2", "2"]
    cells = re.findall(r'<td class="text-nowrap position">(.*?)</td>', page, re.S)
    assert [escape(pl("(ex aequo)")) in cell for cell in cells] == [False, True, True]
    assert "48,67" in page and page.count("33,67") == 2
    assert "40 – 53" in page


@pytest.mark.parametrize(("values", "expected"), [
    ([3, 2, 1], [(1, False), (2, False), (3, False)]),
    ([3, 3, 1], [(1, True), (1, True), (3, False)]),
    ([3, 1, 1, None], [(1, False), (2, True), (2, True), (None, False)]),
])
def test_positions_share_a_place_on_equal_scores(values, expected):
    assert positions(values) == expected


def test_the_progress_page_costs_a_fixed_number_of_queries(client, mc, django_assert_max_num_queries):
    declare_all(mc)
    for offer in mc.offers:
        score(mc.chair, offer, 2)
    as_chair(client, mc)
    with django_assert_max_num_queries(25):
        assert client.get(url("progress", mc.call)).status_code == 200



@pytest.mark.parametrize(("chair_form", "member_form", "lifted", "chair_may_lift", "you_declared"), [
    ("feminine", "masculine", "Przewodnicząca komisji (Przemysława Ważna) uchyliła",
     "wyłącznie przewodnicząca komisji (Przemysława Ważna)", "Oświadczyłeś, że"),
    ("masculine", "feminine", "Przewodniczący komisji (Przemysława Ważna) uchylił",
     "wyłącznie przewodniczący komisji (Przemysława Ważna)", "Oświadczyłaś, że"),
    ("neutral", "neutral", "Przewodnicząca/Przewodniczący komisji (Przemysława Ważna) uchyliła/uchylił",
     "wyłącznie przewodnicząca/przewodniczący komisji (Przemysława Ważna)", "Oświadczyłaś/Oświadczyłeś, że"),
])
def test_the_member_reads_of_the_conflict_and_its_lifting_in_each_persons_form(
        client, mc, chair_form, member_form, lifted, chair_may_lift, you_declared):
    chair, seat = mc.chair.user, mc.members[1]
    chair.full_name, chair.address_form = "Przemysława Ważna", chair_form
    chair.save(update_fields=["full_name", "address_form"])
    seat.user.address_form = member_form
    seat.user.save(update_fields=["address_form"])
    declare_all(mc, conflicts={(seat, mc.offers[0])})
    address = reverse("commission:declare", kwargs={"slug": mc.call.slug, "offer_pk": mc.offers[0].pk})
    client.force_login(seat.user)
    page = " ".join(client.get(address).content.decode().split())
    assert you_declared in page and chair_may_lift in page

    declaration = Declaration.objects.get(member=seat, offer=mc.offers[0])
    services_merit.conflict_lift(declaration=declaration, by=chair, reason="Zaznaczone omyłkowo")
    page = " ".join(client.get(address).content.decode().split())
    assert lifted in page
