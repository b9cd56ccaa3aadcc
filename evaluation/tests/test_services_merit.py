from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from competition.models import Call, MeritCriterion
from evaluation.merit import selectors as selectors_merit
from evaluation.merit import services as services_merit
from evaluation.models import CriterionScore, Declaration, MeritEvent, MeritResult, ScoreSheet
from tests_support.merit import declare_all, full_input, merit_call, score


@pytest.fixture
def mc(reference_call, clerk):
    return merit_call(reference_call, clerk)


def points_of(sheet, code):
    return CriterionScore.objects.get(sheet=sheet, criterion__code=code).points


def test_computed_criteria_come_from_the_offer(mc):
    declare_all(mc)
    joint, single, wide = mc.offers  # 2 offerors / 3 zones / 2 LPR; 1 / 3 / 2; 1 / 5 zones / 3 LPR
    for offer, g, h, f in ((joint, 2, 0, 5), (single, 0, 0, 5), (wide, 0, 3, 10)):
        sheet = score(mc.chair, offer)
        assert (points_of(sheet, "g"), points_of(sheet, "h"), points_of(sheet, "f")) == (g, h, f)
        assert sheet.total == 10 + 10 + 5 + 5 + 10 + f + g + h


def test_a_member_cannot_override_a_computed_count(mc):
    declare_all(mc)
    h = MeritCriterion.objects.get(call=mc.call, code="h")
    sheet = score(mc.chair, mc.offers[0], counts={h.pk: "7"})
    assert CriterionScore.objects.get(sheet=sheet, criterion=h).count == 3
    assert points_of(sheet, "h") == 0


def test_confirmed_count_that_differs_from_the_offer_needs_a_justification(mc):
    declare_all(mc)
    f = MeritCriterion.objects.get(call=mc.call, code="f")
    data = full_input(mc.call, counts={f.pk: "0"})
    data.justifications[f.pk] = ""
    with pytest.raises(ValidationError) as exc:
        services_merit.sheet_save(seat=mc.chair, offer=mc.offers[0], data=data, submit=True)
    assert f"justification-{f.pk}" in exc.value.message_dict
    assert not ScoreSheet.objects.exists()


@pytest.mark.parametrize("raw", ["4", "-1", "abc", "2.5", "2,5"])
def test_points_out_of_range_or_not_whole_are_refused_and_nothing_is_saved(mc, raw):
    declare_all(mc)
    data = full_input(mc.call)
    first = MeritCriterion.objects.get(call=mc.call, code="a").subcriteria.first()  # 0–3
    data.parts[first.pk] = raw
    with pytest.raises(ValidationError) as exc:
        services_merit.sheet_save(seat=mc.chair, offer=mc.offers[0], data=data)
    assert f"part-{first.pk}" in exc.value.message_dict
    assert not ScoreSheet.objects.exists()


def test_a_draft_may_be_incomplete_but_submission_needs_every_criterion(mc):
    declare_all(mc)
    data = full_input(mc.call)
    first = next(iter(data.parts))
    data.parts[first] = ""
    sheet = services_merit.sheet_save(seat=mc.chair, offer=mc.offers[0], data=data)
    assert sheet.state == ScoreSheet.State.DRAFT
    with pytest.raises(ValidationError) as exc:
        services_merit.sheet_save(seat=mc.chair, offer=mc.offers[0], data=data, submit=True, revision=sheet.revision)
    assert f"part-{first}" in exc.value.message_dict
    sheet.refresh_from_db()
    assert sheet.state == ScoreSheet.State.DRAFT


def test_submitted_sheet_is_locked_until_the_chair_reopens_it_with_a_reason(mc):
    declare_all(mc)
    sheet = score(mc.members[0], mc.offers[0], 1)
    with pytest.raises(ValidationError):
        score(mc.members[0], mc.offers[0], 2)
    with pytest.raises(ValidationError):
        services_merit.sheet_reopen(sheet=sheet, by=mc.members[1].user, reason="Pomyłka")
    with pytest.raises(ValidationError):
        services_merit.sheet_reopen(sheet=sheet, by=mc.chair.user, reason=" ")
    services_merit.sheet_reopen(sheet=sheet, by=mc.chair.user, reason="Członek zgłosił pomyłkę w kryterium a.")
    sheet = score(mc.members[0], mc.offers[0], 2)
    assert sheet.is_submitted
    kinds = list(MeritEvent.objects.filter(member=mc.members[0]).values_list("kind", flat=True))
    assert kinds[-3:] == ["submitted", "reopened", "submitted"]
    last = MeritEvent.objects.filter(member=mc.members[0]).last()
    assert last.details["changes"]["a"] == [3, 6]


def test_excluded_member_cannot_score_and_chair_sees_the_conflict(mc):
    declare_all(mc, conflicts={(mc.members[0], mc.offers[1])})
    with pytest.raises(ValidationError):
        score(mc.members[0], mc.offers[1])
    progress = selectors_merit.progress(mc.call)
    assert [(d.member, d.offer) for d in progress.conflicts] == [(mc.members[0], mc.offers[1])]


def test_impartial_member_may_later_declare_a_conflict_but_not_take_it_back(mc):
    declare_all(mc)
    score(mc.members[0], mc.offers[0])
    services_merit.declaration_make(seat=mc.members[0], offer=mc.offers[0], conflict=True, grounds=[4],
                                    explanation="Byłem wolontariuszem oferenta w 2024 r.")
    assert Declaration.objects.get(member=mc.members[0], offer=mc.offers[0]).excludes
    with pytest.raises(ValidationError):
        services_merit.declaration_make(seat=mc.members[0], offer=mc.offers[0], conflict=False, grounds=[])


def test_chair_lifts_a_conflict_with_a_reason(mc):
    declare_all(mc, conflicts={(mc.members[0], mc.offers[0])})
    declaration = Declaration.objects.get(member=mc.members[0], offer=mc.offers[0])
    with pytest.raises(ValidationError):
        services_merit.conflict_lift(declaration=declaration, by=mc.chair.user, reason="")
    services_merit.conflict_lift(declaration=declaration, by=mc.chair.user, reason="Zaznaczone omyłkowo.")
    assert score(mc.members[0], mc.offers[0]).is_submitted


def test_declaration_names_the_offerors_and_keeps_the_text(mc):
    services_merit.declaration_make(seat=mc.chair, offer=mc.offers[0], conflict=False, grounds=[])
    text = Declaration.objects.get(member=mc.chair, offer=mc.offers[0]).text
    for name in selectors_merit.offerors_of(mc.offers[0]):
        assert name in text
    assert mc.call.impartiality_grounds[0] in text


@pytest.mark.parametrize(("conflict", "grounds"), [(None, []), (True, []), (False, [1]), (True, [99])])
def test_malformed_declarations_are_refused(mc, conflict, grounds):
    with pytest.raises(ValidationError):
        services_merit.declaration_make(seat=mc.chair, offer=mc.offers[0], conflict=conflict, grounds=grounds)
    assert not Declaration.objects.exists()


# --- the mean -----------------------------------------------------------------------------------------


def close(mc, reason=""):
    services_merit.merit_close(call=mc.call, by=mc.chair.user, reason=reason)
    return {r.offer_id: r for r in MeritResult.objects.all()}


def test_final_score_is_the_mean_of_submitted_totals_excluding_experts_and_excluded_members(mc):
    declare_all(mc, conflicts={(mc.members[1], mc.offers[0])})
    joint, single, wide = mc.offers
    # Judgement parts capped at 1 give a–e = 3+3+3+2+3 = 14; capped at 2: 6+6+5+4+6 = 27.
    score(mc.chair, joint, 1)       # 14 + f 5 + g 2 + h 0 = 21
    score(mc.members[0], joint, 2)  # 27 + 7 = 34
    services_merit.sheet_save(seat=mc.expert, offer=joint, data=services_merit.SheetInput(opinion="Dobra oferta."),
                              submit=True)
    for seat in mc.scorers:
        score(seat, single, 1)      # 14 + 5 = 19
        score(seat, wide, 2 if seat == mc.chair else 1)  # 27+13=40 / 14+13=27
    results = close(mc)
    assert results[joint.pk].exact == Fraction(21 + 34, 2)
    assert results[joint.pk].score == Decimal("27.50")
    assert results[joint.pk].sheet_count == 2
    assert (results[joint.pk].min_total, results[joint.pk].max_total) == (21, 34)
    assert results[wide.pk].exact == Fraction(40 + 27 + 27, 3)
    assert results[wide.pk].score == Decimal("31.33")
    assert results[single.pk].criterion_means["a"] == "3.00"
    assert Call.objects.get(pk=mc.call.pk).state == Call.State.SCORED


def test_mean_keeps_the_exact_value_and_shows_two_places(mc):
    declare_all(mc)
    offer = mc.offers[1]
    totals = []
    for seat, value in zip(mc.scorers, (1, 1, 2)):
        totals.append(score(seat, offer, value).total)
    for other in (mc.offers[0], mc.offers[2]):
        for seat in mc.scorers:
            score(seat, other)
    result = close(mc)[offer.pk]
    assert result.exact == Fraction(sum(totals), 3)
    assert result.score == Decimal(sum(totals) / 3).quantize(Decimal("0.01"))


def test_a_reopened_sheet_does_not_count_until_resubmitted(mc):
    declare_all(mc)
    for offer in mc.offers:
        for seat in mc.scorers:
            score(seat, offer, 1)
    sheet = ScoreSheet.objects.get(member=mc.members[0], offer=mc.offers[0])
    services_merit.sheet_reopen(sheet=sheet, by=mc.chair.user, reason="Do poprawy")
    with pytest.raises(ValidationError) as exc:
        close(mc)
    assert "Bogdan" in str(exc.value)
    results = close(mc, reason="Członek nieobecny do końca posiedzenia.")
    assert results[mc.offers[0].pk].sheet_count == 2
    event = MeritEvent.objects.get(kind=MeritEvent.Kind.CLOSED)
    assert "Bogdan" in event.details["missing"]


def test_an_offer_with_a_single_sheet_gets_that_sheet_as_its_score(mc):
    declare_all(mc, conflicts={(mc.chair, mc.offers[2]), (mc.members[1], mc.offers[2])})
    for offer in mc.offers[:2]:
        for seat in mc.scorers:
            score(seat, offer)
    only = score(mc.members[0], mc.offers[2], 1)
    result = close(mc)[mc.offers[2].pk]
    assert (result.sheet_count, result.exact, result.quorum) == (1, Fraction(only.total), True)


def test_only_the_chair_closes_and_only_during_the_merit_evaluation(mc):
    declare_all(mc)
    with pytest.raises(ValidationError):
        services_merit.merit_close(call=mc.call, by=mc.members[0].user, reason="x")
    services_merit.merit_close(call=mc.call, by=mc.chair.user, reason="Test")
    with pytest.raises(ValidationError):
        services_merit.merit_close(call=mc.call, by=mc.chair.user, reason="Test")


def test_a_conflict_declared_again_after_the_chair_lifted_one_excludes_again(mc):
    declare_all(mc, conflicts={(mc.members[0], mc.offers[0])})
    declaration = Declaration.objects.get(member=mc.members[0], offer=mc.offers[0])
    services_merit.conflict_lift(declaration=declaration, by=mc.chair.user, reason="Omyłka")
    services_merit.declaration_make(seat=mc.members[0], offer=mc.offers[0], conflict=True, grounds=[1])
    declaration.refresh_from_db()
    assert declaration.excludes and declaration.withdrawn_reason == ""


def test_bulk_impartiality_is_all_or_nothing(mc):
    services_merit.declaration_make(seat=mc.chair, offer=mc.offers[1], conflict=True, grounds=[0])
    with pytest.raises(ValidationError):
        services_merit.declarations_make_impartial(seat=mc.chair, offers=mc.offers)
    assert Declaration.objects.filter(member=mc.chair).count() == 1
    with pytest.raises(ValidationError):
        services_merit.declarations_make_impartial(seat=mc.chair, offers=[])
    assert services_merit.declarations_make_impartial(seat=mc.chair, offers=[mc.offers[0], mc.offers[2]]) == 2
    assert MeritEvent.objects.filter(member=mc.chair, kind="declared").count() == 2
