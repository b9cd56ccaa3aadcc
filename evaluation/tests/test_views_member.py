"""The commission member's screens of the merit evaluation, through the test client."""
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from competition.models import Call, MeritCriterion
from evaluation.merit import rules as rules_merit
from evaluation.merit import services as services_merit
from evaluation.models import Declaration, ScoreSheet
from demo.offers import DESCRIPTION
from tests_support.merit import declare_all, full_input, merit_call, score

pytestmark = pytest.mark.django_db

SECRET = "Uzasadnienie widoczne tylko po złożeniu własnej karty"
OFFER_TEXT = DESCRIPTION["synthetic_description"]  # what tests_support's offers write in section III


def pl(text: str) -> str:
    with translation.override("pl"):
        return translation.gettext(text)


@pytest.fixture
def mc(reference_call, clerk):
    return merit_call(reference_call, clerk)


def url(name: str, mc_or_call, offer=None) -> str:
    call = getattr(mc_or_call, "call", mc_or_call)
    kwargs = {"slug": call.slug}
    if offer is not None:
        kwargs["offer_pk"] = offer.pk
    return reverse(f"commission:{name}", kwargs=kwargs)


def login(client, seat):
    client.force_login(seat.user)
    return client


def criterion(mc, code) -> MeritCriterion:
    return MeritCriterion.objects.prefetch_related("subcriteria").get(call=mc.call, code=code)


def sheet_post(mc, offer, *, value=None, submit=False, **overrides) -> dict:
    """POST data of a complete sheet (every part at its maximum or `value`), counts as in the offer."""
    data = full_input(mc.call, value)
    post = {f"part-{pk}": raw for pk, raw in data.parts.items()}
    post |= {f"justification-{pk}": text for pk, text in data.justifications.items()}
    f = criterion(mc, "f")
    post[f"count-{f.pk}"] = str(offer.lpr_projects.count())
    post["submit" if submit else "save"] = "1"
    post.update(overrides)
    return post


# --- who may open what -------------------------------------------------------------------------------


def every_url(mc):
    offer = mc.offers[0]
    return [url("offers", mc), url("declare", mc, offer), url("sheet", mc, offer), url("offer_pdf", mc, offer)]


def test_anonymous_visitors_are_sent_to_log_in(client, mc):
    for address in [reverse("commission:home"), *every_url(mc)]:
        response = client.get(address)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], address


@pytest.mark.parametrize("role", ["applicant", "outsider", "clerk", "commission_member"])
def test_nobody_without_a_seat_in_the_call_opens_its_pages(as_role, mc, role):
    client = as_role(role)  # commission_member sits on another call's commission
    for address in every_url(mc):
        assert client.get(address).status_code == 404, address
        assert client.post(address, {"conflict": "none"}).status_code == 404, address
    if role != "commission_member":
        assert client.get(reverse("commission:home")).status_code == 404


def test_the_offers_own_applicant_cannot_open_it(client, mc):
    offer = mc.offers[0]
    client.force_login(offer.organisation.memberships.first().user)
    assert client.get(url("sheet", mc, offer)).status_code == 404
    assert client.get(url("declare", mc, offer)).status_code == 404


def test_an_offer_of_another_call_is_404(client, mc, draft_call):
    login(client, mc.chair)
    assert client.get(reverse("commission:sheet", kwargs={"slug": mc.call.slug, "offer_pk": 999999})).status_code == 404
    assert client.get(reverse("commission:offers", kwargs={"slug": draft_call.slug})).status_code == 404


# --- the list and the declaration ----------------------------------------------------------------------


def test_home_lists_the_members_calls_with_progress(client, mc):
    declare_all(mc)
    score(mc.members[0], mc.offers[0])
    html = login(client, mc.members[0]).get(reverse("commission:home")).content.decode()
    assert f'id="seat-{mc.members[0].pk}"' in html and escape(mc.call.title) in html
    assert url("offers", mc) in html
    of = pl("%(done)s of %(total)s")
    assert '<td data-counter="declared">' + of % {"done": 3, "total": 3} in html
    assert '<td data-counter="submitted">' + of % {"done": 1, "total": 3} in html


def test_the_list_shows_only_number_title_and_offerors_before_declaring(client, mc):
    login(client, mc.members[0])
    response = client.get(url("offers", mc))
    html = response.content.decode()
    assert response.status_code == 200
    for offer in mc.offers:
        assert f'id="offer-{offer.pk}" data-action="declare"' in html
        assert url("declare", mc, offer) in html
        assert f'href="{url("sheet", mc, offer)}"' not in html
        assert escape(offer.organisation.name) in html
    assert OFFER_TEXT not in html
    assert f'id="next-todo" href="{url("declare", mc, mc.offers[0])}"' in html


def test_the_declaration_names_the_offerors_and_the_grounds(client, mc):
    joint = mc.offers[0]
    html = login(client, mc.members[0]).get(url("declare", mc, joint)).content.decode()
    assert escape(joint.organisation.name) in html
    for partner in joint.partners.all():
        assert escape(partner.organisation.name) in html
    from evaluation.merit.selectors import grounds_of

    worded = grounds_of(mc.members[0])  # the call's grounds in the member's form (neutral: none chosen)
    assert len(worded) == len(mc.call.impartiality_grounds)
    for n, ground in enumerate(worded):
        assert f'id="id_grounds_{n}" value="{n}"' in html and escape(ground) in html
    assert 'name="conflict" id="id_conflict_0" value="none"' in html
    assert OFFER_TEXT not in html


def test_the_sheet_before_declaring_redirects_to_the_declaration(client, mc):
    login(client, mc.members[0])
    for name in ("sheet", "offer_pdf"):
        response = client.get(url(name, mc, mc.offers[0]))
        assert response.status_code == 302 and response["Location"] == url("declare", mc, mc.offers[0])


def test_a_declaration_without_a_choice_is_refused_with_the_message(client, mc):
    response = login(client, mc.members[0]).post(url("declare", mc, mc.offers[0]), {"explanation": "Nie wiem"})
    html = response.content.decode()
    assert response.status_code == 200
    assert escape(pl(str(rules_merit.DECLARATION_UNCHOSEN))) in html
    assert 'href="#id_conflict"' in html and "Nie wiem" in html
    assert not Declaration.objects.exists()


def test_a_member_declares_scores_and_goes_on_to_the_next_offer(client, mc):
    member, offer = mc.members[0], mc.offers[0]
    login(client, member)
    response = client.post(url("declare", mc, offer), {"conflict": "none"})
    assert response.status_code == 302 and response["Location"] == url("sheet", mc, offer)
    assert Declaration.objects.get(member=member, offer=offer).conflict is False

    html = client.get(url("sheet", mc, offer)).content.decode()
    assert OFFER_TEXT in html and url("offer_pdf", mc, offer) in html
    assert 'name="revision"' in html and 'name="submit"' in html and 'name="save"' in html

    response = client.post(url("sheet", mc, offer), sheet_post(mc, offer, value=1, revision=""))
    assert response.status_code == 302 and response["Location"] == url("sheet", mc, offer)
    sheet = ScoreSheet.objects.get(member=member, offer=offer)
    assert sheet.state == ScoreSheet.State.DRAFT

    response = client.post(url("sheet", mc, offer), sheet_post(mc, offer, value=1, submit=True,
                                                                revision=str(sheet.revision)))
    assert response.status_code == 302 and response["Location"] == url("declare", mc, mc.offers[1])
    sheet.refresh_from_db()
    assert sheet.state == ScoreSheet.State.SUBMITTED and sheet.total is not None

    html = client.get(url("sheet", mc, offer)).content.decode()
    assert 'id="sheet-form"' not in html and 'data-state="submitted"' in html
    assert f'data-total="{sheet.total}"' in html


def test_the_offer_pdf_is_the_submitted_version(client, mc):
    declare_all(mc)
    response = login(client, mc.members[0]).get(url("offer_pdf", mc, mc.offers[0]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


# --- errors keep what was typed --------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "message"), [("4", rules_merit.OUT_OF_RANGE), ("abc", rules_merit.NOT_A_WHOLE_NUMBER)])
def test_points_out_of_range_or_not_numbers_are_refused_and_the_typed_values_stay(client, mc, raw, message):
    declare_all(mc)
    offer = mc.offers[0]
    part = criterion(mc, "a").subcriteria.first()  # 0–3
    login(client, mc.members[0])
    post = sheet_post(mc, offer, **{f"part-{part.pk}": raw, f"justification-{criterion(mc, 'b').pk}": "Mój tekst"})
    response = client.post(url("sheet", mc, offer), post)
    html = response.content.decode()
    assert response.status_code == 200
    with translation.override("pl"):
        expected = str(message) % {"value": raw, "min": 0, "max": 3}
    assert escape(expected) in html
    assert f'name="part-{part.pk}" id="id_part-{part.pk}" value="{raw}"' in html
    assert f'aria-invalid="true" aria-describedby="id_part-{part.pk}-error"' in html
    assert f'href="#id_part-{part.pk}"' in html  # the summary links to the field
    assert "Mój tekst" in html
    assert not ScoreSheet.objects.exists()


def test_submitting_an_incomplete_sheet_names_what_is_missing_and_keeps_the_draft_values(client, mc):
    declare_all(mc)
    offer = mc.offers[0]
    a = criterion(mc, "a")
    login(client, mc.members[0])
    post = sheet_post(mc, offer, submit=True, **{f"justification-{a.pk}": ""})
    response = client.post(url("sheet", mc, offer), post)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="#id_justification-{a.pk}"' in html
    assert f'id="id_justification-{a.pk}" rows="3" class="form-control is-invalid"' in html
    assert not ScoreSheet.objects.exists()


# --- exclusion -----------------------------------------------------------------------------------------


def test_a_member_with_a_conflict_cannot_open_the_offer_nor_its_pdf(client, mc):
    member, offer = mc.members[0], mc.offers[0]
    login(client, member)
    response = client.post(url("declare", mc, offer), {"conflict": "some", "grounds": ["0"], "explanation": "Brat"})
    assert response.status_code == 302 and response["Location"] == url("declare", mc, mc.offers[1])
    assert Declaration.objects.get(member=member, offer=offer).excludes
    assert client.get(url("sheet", mc, offer)).status_code == 404
    assert client.get(url("offer_pdf", mc, offer)).status_code == 404
    assert client.post(url("sheet", mc, offer), sheet_post(mc, offer)).status_code == 404

    html = client.get(url("declare", mc, offer)).content.decode()
    assert 'data-state="excluded"' in html and 'id="declaration-form"' not in html
    assert escape(mc.chair.user.full_name) in html  # only the chair can lift it
    assert OFFER_TEXT not in html
    client.post(url("declare", mc, offer), {"conflict": "none"})
    assert Declaration.objects.get(member=member, offer=offer).excludes

    listing = client.get(url("offers", mc)).content.decode()
    assert f'id="offer-{offer.pk}" data-action="declaration"' in listing
    assert f'href="{url("sheet", mc, offer)}"' not in listing


def test_an_impartial_member_may_still_declare_a_conflict(client, mc):
    member, offer = mc.members[0], mc.offers[0]
    declare_all(mc)
    login(client, member)
    html = client.get(url("declare", mc, offer)).content.decode()
    assert 'data-state="impartial"' in html and 'id="conflict-form"' in html
    assert 'type="hidden" name="conflict" id="id_conflict" value="some"' in html
    response = client.post(url("declare", mc, offer), {"conflict": "some", "grounds": []})
    assert response.status_code == 200
    assert escape(pl(str(rules_merit.DECLARATION_NO_GROUND))) in response.content.decode()
    client.post(url("declare", mc, offer), {"conflict": "some", "grounds": ["5"]})
    assert Declaration.objects.get(member=member, offer=offer).excludes
    assert client.get(url("sheet", mc, offer)).status_code == 404


# --- the others' sheets --------------------------------------------------------------------------------


def submit_with_secret(seat, offer):
    data = full_input(seat.call)
    data.justifications[criterion_pk(seat.call, "a")] = SECRET
    counts_f = criterion_pk(seat.call, "f")
    data.counts[counts_f] = str(offer.lpr_projects.count())
    return services_merit.sheet_save(seat=seat, offer=offer, data=data, submit=True)


def criterion_pk(call, code) -> int:
    return MeritCriterion.objects.get(call=call, code=code).pk


def test_others_sheets_appear_only_after_submitting_ones_own(client, mc):
    declare_all(mc)
    offer = mc.offers[0]
    submit_with_secret(mc.members[0], offer)
    login(client, mc.chair)
    html = client.get(url("sheet", mc, offer)).content.decode()
    assert SECRET not in html and 'id="others-later"' in html
    client.post(url("sheet", mc, offer), sheet_post(mc, offer, submit=True))
    html = client.get(url("sheet", mc, offer)).content.decode()
    assert SECRET in html and escape(mc.members[0].user.full_name) in html
    other = ScoreSheet.objects.get(member=mc.members[0], offer=offer)
    assert f'data-total="{other.total}"' in html


def test_others_sheets_never_appear_when_the_call_hides_them(client, mc):
    Call.objects.filter(pk=mc.call.pk).update(show_other_sheets=False)
    declare_all(mc)
    offer = mc.offers[0]
    submit_with_secret(mc.members[0], offer)
    login(client, mc.chair)
    client.post(url("sheet", mc, offer), sheet_post(mc, offer, submit=True))
    assert ScoreSheet.objects.get(member=mc.chair, offer=offer).is_submitted
    html = client.get(url("sheet", mc, offer)).content.decode()
    assert SECRET not in html and 'id="others-hidden"' in html


# --- experts and computed criteria ------------------------------------------------------------------------


def test_an_expert_writes_an_opinion_and_gives_no_points(client, mc):
    declare_all(mc)
    offer = mc.offers[0]
    login(client, mc.expert)
    html = client.get(url("sheet", mc, offer)).content.decode()
    assert 'name="opinion"' in html
    assert 'name="part-' not in html and 'name="count-' not in html and 'name="justification-' not in html
    response = client.post(url("sheet", mc, offer), {"opinion": "", "submit": "1"})
    assert response.status_code == 200
    assert escape(pl(str(rules_merit.OPINION_MISSING))) in response.content.decode()
    client.post(url("sheet", mc, offer), {"opinion": "Oferta spójna, koszty realne.", "submit": "1"})
    sheet = ScoreSheet.objects.get(member=mc.expert, offer=offer)
    assert sheet.is_submitted and sheet.total is None and sheet.opinion == "Oferta spójna, koszty realne."


def test_computed_criteria_are_read_only_with_what_was_counted(client, mc):
    declare_all(mc)
    joint = mc.offers[0]  # 2 offerors, 3 zones, 2 LPR projects
    g, h, f = criterion(mc, "g"), criterion(mc, "h"), criterion(mc, "f")
    html = login(client, mc.members[0]).get(url("sheet", mc, joint)).content.decode()
    for computed in (g, h):
        assert f'name="count-{computed.pk}"' not in html
        assert f'id="computed-{computed.pk}" data-computed="true"' in html
    offerors = [joint.organisation.name, *(p.organisation.name for p in joint.partners.all())]
    items_g = html.split(f'id="items-{g.pk}"')[1].split("</ul>")[0]
    assert all(escape(name) in items_g for name in offerors)
    items_h = html.split(f'id="items-{h.pk}"')[1].split("</ul>")[0]
    assert all(escape(zone.name) in items_h for zone in joint.zones.all())
    assert f'<strong id="points-{g.pk}">2</strong>' in html  # two offerors: 2 points
    assert f'<strong id="points-{h.pk}">0</strong>' in html  # three zones: 0 points
    assert f'name="count-{f.pk}" id="id_count-{f.pk}" value="2"' in html  # confirmed by the member, pre-filled


def test_after_the_stage_closes_the_sheet_is_read_only(client, mc):
    declare_all(mc)
    score(mc.members[0], mc.offers[0], submit=False)
    Call.objects.filter(pk=mc.call.pk).update(state=Call.State.SCORED)
    login(client, mc.members[0])
    html = client.get(url("sheet", mc, mc.offers[0])).content.decode()
    assert 'id="sheet-form"' not in html and 'id="own-sheet"' in html
    response = client.post(url("sheet", mc, mc.offers[0]), sheet_post(mc, mc.offers[0], submit=True))
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    assert not ScoreSheet.objects.get(member=mc.members[0], offer=mc.offers[0]).is_submitted


# --- the menu ------------------------------------------------------------------------------------------


def test_the_menu_links_to_the_commission_for_seated_users_only(client, mc, outsider):
    page = reverse("competition:call_list")
    html = login(client, mc.members[0]).get(page).content.decode()
    assert f'href="{reverse("commission:home")}" id="nav-commission"' in html
    client.force_login(outsider)
    assert 'id="nav-commission"' not in client.get(page).content.decode()


def test_the_list_reads_a_bounded_number_of_queries(client, reference_call, clerk, django_assert_max_num_queries):
    many = merit_call(reference_call, clerk, specs=({"partners": 1},) * 6)
    declare_all(many)
    login(client, many.members[0])
    # session, user, seat, every offer's number, declarations, sheets (the counters), the list's count and
    # page, the page's offers and partners, menu (the roles held too), notices
    with django_assert_max_num_queries(14):
        assert client.get(url("offers", many)).status_code == 200


def test_a_member_declares_impartiality_for_several_offers_at_once(client, reference_call, clerk):
    from evaluation.models import Declaration
    from tests_support.merit import merit_call

    mc = merit_call(reference_call, clerk)
    seat = mc.members[0]
    url = reverse("commission:declare_many", kwargs={"slug": mc.call.slug})
    client.force_login(seat.user)
    page = client.get(url)
    assert page.status_code == 200
    for offer in mc.offers:
        assert f'value="{offer.pk}"'.encode() in page.content
    first, second, third = mc.offers
    unconfirmed = client.post(url, {"offers": [first.pk, second.pk]})
    assert unconfirmed.status_code == 200 and b'id="error-summary"' in unconfirmed.content
    assert f'value="{third.pk}" id="offer-{third.pk}">'.encode() in unconfirmed.content  # unticked stays unticked
    assert not Declaration.objects.exists()
    done = client.post(url, {"offers": [first.pk, second.pk], "confirm": "yes"})
    assert done.status_code == 302
    made = Declaration.objects.filter(member=seat)
    assert sorted(made.values_list("offer_id", flat=True)) == sorted([first.pk, second.pk])
    assert not any(d.conflict for d in made)
    assert all(d.offer.organisation.name in d.text for d in made)
    again = client.get(url)
    assert f'value="{first.pk}"'.encode() not in again.content and f'value="{third.pk}"'.encode() in again.content


def test_only_a_seated_member_reaches_the_bulk_declaration(client, reference_call, clerk, applicant):
    from tests_support.merit import merit_call

    mc = merit_call(reference_call, clerk)
    url = reverse("commission:declare_many", kwargs={"slug": mc.call.slug})
    client.force_login(applicant)
    assert client.get(url).status_code == 404
    client.force_login(clerk)
    assert client.get(url).status_code == 404
