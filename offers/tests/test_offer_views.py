"""The offer writer through the test client: every step, every role, autosave, conflicts,
the deadline, submission and a session that expired while somebody typed."""
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from competition.models import Call
from offers import rules
from offers import selectors_costs
from offers.models import Offer, OfferPartner, OfferVersion
from offers.views import STASH_KEY
from tests_support.factories import DEFAULT_PASSWORD, MembershipFactory, OrganisationFactory
from tests_support.offers import cost, make_offer

pytestmark = pytest.mark.django_db


# --- helpers ------------------------------------------------------------------------------


class _FormParser(HTMLParser):
    """The values a browser would post from the page's step form (no JavaScript)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.in_form = self.in_template = False
        self.textarea = self.select = None
        self.text = ""
        self.options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "data-offer-step" in a:
            self.in_form = True
        if not self.in_form or self.in_template:
            return
        if tag == "template":
            self.in_template = True
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self.textarea, self.text = a.get("name"), ""
        elif tag == "select":
            self.select, self.options = a.get("name"), []
        elif tag == "option" and self.select:
            self.options.append((a.get("value", ""), "selected" in a))

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template = False
        elif tag == "form":
            self.in_form = False
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None
        elif tag == "select" and self.select:
            chosen = [v for v, sel in self.options if sel] or [v for v, _s in self.options[:1]]
            self.fields += [(self.select, v) for v in chosen]
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.text += data


def form_data(response) -> dict:
    """The step form as posted by a browser: {name: value or [values]}."""
    parser = _FormParser()
    parser.feed(response.content.decode())
    data: dict = {}
    for name, value in parser.fields:
        if name in data:
            data[name] = [*data[name], value] if isinstance(data[name], list) else [data[name], value]
        else:
            data[name] = value
    return data


def step_url(offer, section):
    return reverse("offers:offer_step", kwargs={"pk": offer.pk, "section": section})


def offer_urls(offer):
    urls = [reverse("offers:offer_detail", kwargs={"pk": offer.pk})]
    urls += [step_url(offer, section) for section in rules.SECTIONS]
    return urls


def post_urls(offer):
    return [*offer_urls(offer)[1:], reverse("offers:offer_submit", kwargs={"pk": offer.pk}),
            reverse("offers:offer_withdraw", kwargs={"pk": offer.pk})]


def get_form(client, offer, section) -> dict:
    response = client.get(step_url(offer, section))
    assert response.status_code == 200
    return form_data(response)


@pytest.fixture
def member(db):
    return MembershipFactory(organisation__legal_form="association", user__full_name="Olga Oferentka")


@pytest.fixture
def offer(reference_call, member):
    return make_offer(call=reference_call, organisation=member.organisation, user=member.user)


@pytest.fixture
def writer(client, member):
    client.force_login(member.user)
    return client


# --- who may see what ------------------------------------------------------------------------


def test_every_step_renders_for_a_member_with_its_revision(writer, offer):
    for section in rules.SECTIONS:
        response = writer.get(step_url(offer, section))
        assert response.status_code == 200, section
        assert form_data(response)["revision"] == str(offer.revision)
    assert writer.get(reverse("offers:offer_detail", kwargs={"pk": offer.pk})).status_code == 200


def test_every_step_posts_unchanged_and_redirects(writer, offer):
    for section in rules.SECTIONS:
        data = get_form(writer, offer, section)
        response = writer.post(step_url(offer, section), data)
        assert response.status_code == 302, (section, response.context and response.context["errors"])
        assert response.url == step_url(offer, section)


def test_save_and_next_goes_to_the_next_step(writer, offer):
    data = {**get_form(writer, offer, "basics"), "next": "1"}
    response = writer.post(step_url(offer, "basics"), data)
    assert response.url == step_url(offer, "offerors")
    data = {**get_form(writer, offer, "statements"), "next": "1"}
    assert writer.post(step_url(offer, "statements"), data).url == offer.get_absolute_url()


def test_unknown_step_is_404(writer, offer):
    assert writer.get(f"/offers/{offer.pk}/nonsense/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, offer):
    for url in offer_urls(offer):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login")) and "next=" in response.url


def test_members_of_another_organisation_get_404_everywhere(client, offer):
    client.force_login(MembershipFactory().user)
    for url in offer_urls(offer):
        assert client.get(url).status_code == 404, url
    for url in post_urls(offer):
        assert client.post(url, {"revision": offer.revision, "title": "Cudza"}).status_code == 404, url
    offer.refresh_from_db()
    assert offer.title == "Razem w Hajnówce"


def test_clerks_do_not_read_drafts_here(client, clerk, offer):
    client.force_login(clerk)
    for url in offer_urls(offer):
        assert client.get(url).status_code == 404, url


# --- starting an offer --------------------------------------------------------------------------


def test_start_an_offer_choosing_one_of_my_organisations(writer, reference_call, member):
    other = OrganisationFactory(name="Cudza Fundacja")
    url = reverse("offers:offer_create", kwargs={"slug": reference_call.slug})
    page = writer.get(url)
    assert page.status_code == 200
    assert member.organisation.name in page.content.decode()
    assert other.name not in page.content.decode()
    refused = writer.post(url, {"organisation": other.pk, "title": "x"})
    assert refused.status_code == 200 and not Offer.objects.exists()
    response = writer.post(url, {"organisation": member.organisation.pk, "title": "Świetlica"})
    offer = Offer.objects.get()
    assert response.url == step_url(offer, "basics")
    assert (offer.organisation, offer.title, offer.created_by) == (member.organisation, "Świetlica", member.user)


def test_start_page_without_an_organisation_says_what_to_do(client, outsider, reference_call):
    client.force_login(outsider)
    response = client.get(reverse("offers:offer_create", kwargs={"slug": reference_call.slug}))
    assert response.status_code == 200
    assert response.context["has_organisations"] is False
    assert b'name="organisation"' not in response.content


# --- saving each step ---------------------------------------------------------------------------


def test_basics_are_saved(writer, offer):
    data = {**get_form(writer, offer, "basics"), "title": "Nowy tytuł", "start_date": "2019-07-01"}
    data["start_date"] = offer.call.realisation_start.isoformat()
    writer.post(step_url(offer, "basics"), data)
    offer.refresh_from_db()
    assert offer.title == "Nowy tytuł"
    assert offer.start_date == offer.call.realisation_start


def test_a_partner_is_added_and_the_lead_is_not_offered(writer, offer):
    partner = OrganisationFactory(name="Fundacja Puszcza Dzieciom", legal_form="foundation", with_member=True)
    response = writer.get(step_url(offer, "offerors"))
    options = response.content.decode().split('name="partners-0-organisation"')[1].split("</select>")[0]
    assert partner.name in options and f'value="{offer.organisation.pk}"' not in options
    data = {**form_data(response), "partners-0-organisation": str(partner.pk), "partners-0-role": "świetlica"}
    assert writer.post(step_url(offer, "offerors"), data).status_code == 302
    invited = OfferPartner.all_objects.filter(offer=offer)
    assert [(p.organisation, p.role, p.status) for p in invited] == [(partner, "świetlica", "invited")]
    assert not offer.partners.exists()  # an offeror only once one of its members accepts


def test_description_is_saved(writer, offer):
    data = {**get_form(writer, offer, "description"), "complementarity": "Uzupełnia LPR 6."}
    writer.post(step_url(offer, "description"), data)
    offer.refresh_from_db()
    assert offer.complementarity == "Uzupełnia LPR 6."


def test_an_action_is_added(writer, offer):
    b = offer.call.actions.get(code="B")
    data = get_form(writer, offer, "actions")
    data["actions"] = [*data["actions"], str(b.pk)]
    assert writer.post(step_url(offer, "actions"), data).status_code == 302
    assert sorted(oa.action.code for oa in offer.offer_actions.all()) == ["A", "B", "D"]


def test_unticking_an_action_with_costs_asks_for_confirmation(writer, offer):
    a = offer.call.actions.get(code="A")
    data = {**get_form(writer, offer, "actions"), "actions": [str(a.pk)]}
    response = writer.post(step_url(offer, "actions"), data)
    assert response.status_code == 200 and response.context["errors"]
    assert offer.offer_actions.count() == 2
    writer.post(step_url(offer, "actions"), {**data, "confirm_drop": "on"})
    assert [oa.action.code for oa in offer.offer_actions.all()] == ["A"]


def test_indicators_and_own_results_are_saved(writer, offer):
    oa = offer.offer_actions.get(action__code="A")
    iv = oa.indicator_values.order_by("pk").first()
    response = writer.get(step_url(offer, "indicators"))
    page = response.content.decode()
    assert f"minimum {rules._number(iv.indicator.minimum)}" in page
    data = {**form_data(response), f"value_{iv.pk}": "1 234", f"monitoring_{iv.pk}": "ankiety",
            f"results-{oa.pk}-0-name": "Liczba wolontariuszy", f"results-{oa.pk}-0-planned_value": "5"}
    assert writer.post(step_url(offer, "indicators"), data).status_code == 302
    iv.refresh_from_db()
    assert (iv.value, iv.monitoring) == (Decimal("1234"), "ankiety")
    assert [r.name for r in oa.own_results.all()] == ["Liczba wolontariuszy"]


def test_schedule_rows_are_changed_and_added(writer, offer):
    data = get_form(writer, offer, "schedule")
    a = offer.offer_actions.get(action__code="A")
    data.update({"schedule-0-activity": "Warsztaty plastyczne", "schedule-1-activity": "Festyn",
                 "schedule-1-start_date": offer.start_date.isoformat(), "schedule-1-end_date": offer.start_date.isoformat(),
                 "schedule-1-offer_action": str(a.pk), "schedule-1-responsible": str(offer.organisation_id)})
    assert writer.post(step_url(offer, "schedule"), data).status_code == 302
    rows = list(offer.schedule.all())
    assert [r.activity for r in rows] == ["Warsztaty plastyczne", "Festyn"]
    assert rows[1].offer_action == a and rows[1].responsible == offer.organisation


def test_a_row_ticked_for_deletion_is_deleted(writer, offer):
    data = {**get_form(writer, offer, "schedule"), "schedule-0-DELETE": "on"}
    writer.post(step_url(offer, "schedule"), data)
    assert not offer.schedule.exists()


def test_zones_and_projects_are_saved(writer, offer):
    data = {**get_form(writer, offer, "zones"), "zones": [str(z.pk) for z in offer.call.zones.all()], "lpr_projects": []}
    writer.post(step_url(offer, "zones"), data)
    assert offer.zones.count() == 7 and offer.lpr_projects.count() == 0


def test_resources_are_saved(writer, offer):
    data = {**get_form(writer, offer, "resources"), "volunteers": "12 wolontariuszy, 300 godzin"}
    writer.post(step_url(offer, "resources"), data)
    offer.refresh_from_db()
    assert offer.volunteers == "12 wolontariuszy, 300 godzin"


def test_costs_accept_polish_amounts_and_are_shown_the_polish_way(writer, offer):
    oa = offer.offer_actions.get(action__code="A")
    prefix = f"costs-{oa.pk}"
    data = get_form(writer, offer, "costs")
    assert data[f"{prefix}-0-unit_cost"] == "400,00"
    assert data[f"{prefix}-TOTAL_FORMS"] == "2" and f"{prefix}-2-name" not in data  # no empty row below the saved ones
    data.update({f"{prefix}-TOTAL_FORMS": "3", f"{prefix}-0-quantity": "1", f"{prefix}-0-unit_cost": "1 234,50", f"{prefix}-0-grant": "1 111,05",
                 f"{prefix}-0-own_financial": "123.45",
                 f"{prefix}-2-kind": "substantive", f"{prefix}-2-name": "Plakaty", f"{prefix}-2-unit": "szt.", f"{prefix}-2-quantity": "2,5",
                 f"{prefix}-2-unit_cost": "10", f"{prefix}-2-grant": "25"})
    assert writer.post(step_url(offer, "costs"), data).status_code == 302
    first, _admin, third = oa.cost_items.all()
    assert (first.unit_cost, first.grant, first.own_financial) == (Decimal("1234.50"), Decimal("1111.05"), Decimal("123.45"))
    assert (third.name, third.quantity, third.unit_cost) == ("Plakaty", Decimal("2.50"), Decimal("10.00"))
    page = writer.get(step_url(offer, "costs")).content.decode()
    assert 'value="1 234,50"' in page
    totals = page.split('id="totals"')[1]
    assert 'data-max-grant-share="0.9000"' in totals  # what the script reads is not localised
    assert "1 759,50" in totals  # 1 234,50 + 500,00 + 25,00: the server's totals after the save


def test_add_a_cost_without_javascript_saves_the_page_and_brings_one_empty_row(writer, offer):
    oa = offer.offer_actions.get(action__code="A")
    prefix = f"costs-{oa.pk}"
    data = {**get_form(writer, offer, "costs"), f"{prefix}-0-name": "Sala widowiskowa", "add_row": prefix}
    response = writer.post(step_url(offer, "costs"), data)
    assert response.status_code == 302
    assert response["Location"] == f"{step_url(offer, 'costs')}?add={prefix}#{prefix}-rows"
    assert oa.cost_items.first().name == "Sala widowiskowa"  # what was typed is saved first
    page = form_data(writer.get(response["Location"]))
    assert page[f"{prefix}-TOTAL_FORMS"] == "3" and page[f"{prefix}-2-name"] == ""
    other = offer.offer_actions.get(action__code="D")
    assert page[f"costs-{other.pk}-TOTAL_FORMS"] == str(other.cost_items.count())  # only the table asked for


def test_an_action_without_costs_opens_with_one_empty_row(writer, offer):
    oa = offer.offer_actions.get(action__code="A")
    oa.cost_items.all().delete()
    data = get_form(writer, offer, "costs")
    assert data[f"costs-{oa.pk}-TOTAL_FORMS"] == "1" and data[f"costs-{oa.pk}-INITIAL_FORMS"] == "0"


def test_the_costs_table_has_the_columns_of_the_form_and_names_the_cost_type(writer, offer):
    page = writer.get(step_url(offer, "costs")).content.decode()
    head = page.split('class="table table-sm align-top cost-table"')[1].split("</thead>")[0]
    columns = ["Lp.", "Rodzaj kosztu", "Kategoria", "Liczba jednostek", "Koszt jednostkowy (zł)", "Rodzaj miary",
               "Wartość (zł)", "Z dotacji", "Z innych środków finansowych", "Wkład osobowy",
               "Wkład rzeczowy", "Świadczenia pieniężne od odbiorców"]
    positions = [head.index(f">{name}") for name in columns]
    assert positions == sorted(positions)
    assert "Koszt*" not in page and 'id="cost-limits"' in page


def test_the_personal_contribution_is_hours_times_the_value_of_an_hour(writer, offer):
    oa = offer.offer_actions.get(action__code="A")
    prefix = f"costs-{oa.pk}"
    data = {**get_form(writer, offer, "costs"), f"{prefix}-0-personal_hours": "120",
            f"{prefix}-0-personal_rate": "35,50", f"{prefix}-0-own_personal": "1,00"}  # a value posted is ignored
    assert writer.post(step_url(offer, "costs"), data).status_code == 302
    item = oa.cost_items.first()
    assert (item.personal_hours, item.personal_rate, item.own_personal) == (Decimal("120"), Decimal("35.50"),
                                                                           Decimal("4260.00"))
    page = writer.get(step_url(offer, "costs")).content.decode()
    assert f'name="{prefix}-0-own_personal" id="id_{prefix}-0-own_personal" value="4 260,00"' in page
    field = page.split(f'id="id_{prefix}-0-own_personal"')[1].split(">")[0]
    assert "readonly" in field


def test_hours_without_the_value_of_an_hour_block_submission():
    line = rules.CostLine("A", "wolontariat", personal_hours=Decimal("10"))
    assert any("hours of work" in p or "liczby godzin" in p for p in rules.cost_line_problems(line))


def test_an_unreadable_amount_is_refused_with_the_typed_data_kept(writer, offer):
    oa = offer.offer_actions.get(action__code="A")
    data = {**get_form(writer, offer, "costs"), f"costs-{oa.pk}-0-unit_cost": "tysiąc"}
    response = writer.post(step_url(offer, "costs"), data)
    assert response.status_code == 200
    assert 'value="tysiąc"' in response.content.decode()
    assert any(f"#id_costs-{oa.pk}-0-unit_cost" == e["href"] for e in response.context["errors"])
    assert oa.cost_items.first().unit_cost == Decimal("400.00")


def test_other_information_is_saved(writer, offer):
    data = {**get_form(writer, offer, "other"), "other_information": "Lider reprezentuje.", "paid_activity": "on"}
    writer.post(step_url(offer, "other"), data)
    offer.refresh_from_db()
    assert (offer.other_information, offer.paid_activity) == ("Lider reprezentuje.", True)


def test_statements_are_saved_with_the_models_labels(writer, offer):
    response = writer.get(step_url(offer, "statements"))
    assert "Wszystkie informacje podane w ofercie są zgodne" in response.content.decode() or \
        str(Offer._meta.get_field("st_true").verbose_name)[1:] in response.content.decode()
    data = form_data(response)
    del data["st_true"]
    writer.post(step_url(offer, "statements"), data)
    offer.refresh_from_db()
    assert offer.st_true is False and offer.st_statutory is True


# --- two people, one offer ----------------------------------------------------------------------


@pytest.fixture
def colleague_client(member):
    colleague = MembershipFactory(organisation=member.organisation, user__full_name="Kamil Kolega").user
    other = Client()
    other.force_login(colleague)
    return other


def test_a_conflict_shows_who_changed_what_and_keeps_the_typed_text(writer, colleague_client, offer):
    mine = get_form(writer, offer, "description")
    theirs = get_form(colleague_client, offer, "description")
    assert colleague_client.post(step_url(offer, "description"), {**theirs, "complementarity": "Kolega pisze"}).status_code == 302
    response = writer.post(step_url(offer, "description"), {**mine, "complementarity": "Ja piszę swoje"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ktoś zmienił tę ofertę" in page and "Kamil Kolega" in page and "Opis zadania" in page
    assert "Ja piszę swoje" in page
    offer.refresh_from_db()
    assert offer.complementarity == "Kolega pisze"
    # "Save my version anyway" sends the revision the warning offered.
    overwrite = response.context["conflict"]["revision"]
    writer.post(step_url(offer, "description"), {**mine, "complementarity": "Ja piszę swoje", "overwrite": overwrite})
    offer.refresh_from_db()
    assert offer.complementarity == "Ja piszę swoje"


def test_saves_of_different_sections_do_not_conflict(writer, colleague_client, offer):
    mine = get_form(writer, offer, "description")
    theirs = get_form(colleague_client, offer, "resources")
    colleague_client.post(step_url(offer, "resources"), {**theirs, "volunteers": "Kolega: 4 osoby"})
    assert writer.post(step_url(offer, "description"), {**mine, "durability": "Na lata"}).status_code == 302
    offer.refresh_from_db()
    assert (offer.volunteers, offer.durability) == ("Kolega: 4 osoby", "Na lata")


def test_costs_conflict_when_someone_changed_the_actions(writer, colleague_client, offer):
    mine = get_form(writer, offer, "costs")
    theirs = get_form(colleague_client, offer, "actions")
    b = offer.call.actions.get(code="B")
    colleague_client.post(step_url(offer, "actions"), {**theirs, "actions": [*theirs["actions"], str(b.pk)]})
    response = writer.post(step_url(offer, "costs"), mine)
    assert response.status_code == 200 and response.context["conflict"]


# --- autosave -----------------------------------------------------------------------------------


def autosave(client, url, data):
    return client.post(url, data, HTTP_X_AUTOSAVE="1")


def test_autosave_answers_json_with_the_new_revision(writer, offer):
    data = {**get_form(writer, offer, "other"), "other_information": "Piszę…"}
    response = autosave(writer, step_url(offer, "other"), data)
    assert response.status_code == 200
    body = response.json()
    offer.refresh_from_db()
    assert body["ok"] is True and body["revision"] == offer.revision and len(body["saved_at"]) == 5
    assert offer.other_information == "Piszę…"
    assert body["problems"]["statements"]["count"] == 0
    # the next autosave is based on the revision the page received
    again = autosave(writer, step_url(offer, "other"), {**data, "revision": body["revision"], "other_information": "Piszę dalej"})
    assert again.status_code == 200


def test_autosave_conflict_answers_409_with_the_changes(writer, colleague_client, offer):
    mine = get_form(writer, offer, "other")
    theirs = get_form(colleague_client, offer, "other")
    assert autosave(colleague_client, step_url(offer, "other"), {**theirs, "other_information": "Kolega"}).status_code == 200
    response = autosave(writer, step_url(offer, "other"), {**mine, "other_information": "Ja"})
    assert response.status_code == 409
    body = response.json()
    assert body["conflict"] is True and body["revision"] == Offer.objects.get(pk=offer.pk).revision
    assert "Kamil Kolega" in body["changes"][0]


def test_autosave_of_an_unreadable_amount_answers_400(writer, offer):
    oa = offer.offer_actions.get(action__code="A")
    data = {**get_form(writer, offer, "costs"), f"costs-{oa.pk}-0-grant": "dużo"}
    response = autosave(writer, step_url(offer, "costs"), data)
    assert response.status_code == 400 and response.json()["errors"]


@pytest.mark.parametrize("revision", ["abc", "-1", "", None])
def test_autosave_with_an_unreadable_revision_asks_to_reload_and_saves_nothing(writer, offer, revision):
    data = {**get_form(writer, offer, "other"), "other_information": "Piszę…"}
    if revision is None:
        del data["revision"]
    else:
        data["revision"] = revision
    response = autosave(writer, step_url(offer, "other"), data)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        "Ta strona nie wskazuje, przy której wersji oferty została otwarta, więc niczego nie zapisano: oferta mogła "
        "zostać w międzyczasie zmieniona. Skopiuj to, co wpisano, odśwież stronę i wpisz to ponownie."]
    offer.refresh_from_db()
    assert offer.other_information != "Piszę…"


def test_arabic_indic_digits_in_an_amount_are_refused_with_a_polish_message(writer, offer):
    oa = offer.offer_actions.get(action__code="A")
    data = {**get_form(writer, offer, "costs"), f"costs-{oa.pk}-0-unit_cost": "٤٠٠٠"}
    response = writer.post(step_url(offer, "costs"), data)
    assert response.status_code == 200
    assert 'value="٤٠٠٠"' in response.content.decode()
    texts = [e["text"] for e in response.context["errors"]]
    assert any("Wpisz liczbę wyłącznie cyframi 0–9, ze spacjami, przecinkiem lub kropką; znaków „٤٠” nie można "
               "użyć." in t for t in texts)
    assert oa.cost_items.first().unit_cost == Decimal("400.00")


def test_the_page_carries_the_data_the_script_needs_and_no_inline_script(writer, offer):
    page = writer.get(step_url(offer, "costs")).content.decode()
    assert 'data-autosave="on"' in page and "js/offer_form.js" in page and 'aria-live="polite"' in page
    assert "<script>" not in page
    assert writer.get(step_url(offer, "actions")).content.decode().count('data-autosave="off"') == 1


def test_the_page_gives_the_script_the_polish_words_for_a_save_retried_later(writer, offer):
    page = writer.get(step_url(offer, "costs")).content.decode()
    assert ('data-text-retry="Nie zapisano: portal jest przeciążony lub nieosiągalny. To, co wpisano, nadal tu jest; '
            'szkic zostanie zapisany ponownie za {seconds} s."') in page


# --- overview and submission ----------------------------------------------------------------------


def test_overview_lists_problems_linked_to_their_steps_and_disables_submit_with_a_reason(writer, offer):
    data = {**get_form(writer, offer, "description"), "durability": ""}
    writer.post(step_url(offer, "description"), data)
    response = writer.get(offer.get_absolute_url())
    page = response.content.decode()
    assert f'href="{step_url(offer, "description")}#id_durability"' in page
    assert 'disabled aria-describedby="submit-reason"' in page and 'id="submit-reason"' in page


def test_submitting_a_complete_offer_shows_the_control_sum(writer, offer):
    response = writer.post(reverse("offers:offer_submit", kwargs={"pk": offer.pk}), follow=True)
    version = OfferVersion.objects.get(offer=offer)
    page = response.content.decode()
    assert version.short_checksum in page
    assert Offer.objects.get(pk=offer.pk).state == Offer.State.SUBMITTED
    # the steps are now read-only and say why; a POST is refused
    step = writer.get(step_url(offer, "description")).content.decode()
    assert 'id="read-only"' in step and 'name="save"' not in step
    assert writer.post(step_url(offer, "description"), {"revision": offer.revision}).status_code == 403


def test_submitting_an_offer_above_ninety_percent_says_why(writer, reference_call, member):
    costs = {"A": [cost("Sala", "1", "1000.00", grant="950.00", own_financial="50.00")]}
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, costs=costs)
    response = writer.post(reverse("offers:offer_submit", kwargs={"pk": offer.pk}))
    assert response.status_code == 200
    assert "90,00%" in response.content.decode()
    assert response.context["submit_errors"]
    assert not OfferVersion.objects.exists()


def test_withdraw_a_submitted_offer(writer, reference_call, member):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    response = writer.post(reverse("offers:offer_withdraw", kwargs={"pk": offer.pk}))
    assert response.status_code == 302
    assert Offer.objects.get(pk=offer.pk).state == Offer.State.WITHDRAWN


# --- the deadline -------------------------------------------------------------------------------


def test_after_the_deadline_the_pages_are_read_only_and_posts_are_refused(writer, member, offer):
    after = offer.call.submission_deadline + timedelta(seconds=1)
    data = {**get_form(writer, offer, "description"), "complementarity": "Za późno"}
    with time_machine.travel(after, tick=False):
        writer.force_login(member.user)  # weeks later: a fresh session
        page = writer.get(step_url(offer, "description")).content.decode()
        assert 'id="read-only"' in page and 'name="save"' not in page and "disabled" in page
        assert 'data-autosave="off"' in page
        assert writer.post(step_url(offer, "description"), data).status_code == 403
        refused = autosave(writer, step_url(offer, "description"), data)
        assert refused.status_code == 403 and refused.json()["message"]
        detail = writer.get(offer.get_absolute_url()).content.decode()
        assert 'name="save"' not in detail
        assert 'action="/offers/' not in detail.split('id="submission"')[1].split("</section>")[0]
        submit = writer.post(reverse("offers:offer_submit", kwargs={"pk": offer.pk}))
        assert submit.status_code == 200 and submit.context["submit_errors"]
    offer.refresh_from_db()
    assert offer.complementarity != "Za późno" and offer.state == Offer.State.DRAFT


# --- a session that expired while typing ------------------------------------------------------------


def test_what_was_typed_when_the_session_expired_is_restored_after_login(client, writer, member, offer):
    data = {**get_form(writer, offer, "description"), "social_change": "Tekst pisany przez godzinę"}
    writer.logout()  # the session expired
    url = step_url(offer, "description")
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={url}"
    assert "Tekst pisany przez godzinę" in str(client.session[STASH_KEY % url])
    login = client.post(response.url, {"username": member.user.email, "password": DEFAULT_PASSWORD})
    assert login.status_code == 302 and login.url == url
    page = client.get(url)
    content = page.content.decode()
    assert "Tekst pisany przez godzinę" in content
    assert "Przywrócono niezapisane zmiany" in content
    assert STASH_KEY % url not in client.session
    assert "Tekst pisany przez godzinę" not in client.get(url).content.decode()  # restored once
    offer.refresh_from_db()
    assert offer.social_change != "Tekst pisany przez godzinę"  # not saved until they press Save


def test_an_autosave_after_the_session_expired_answers_401_and_keeps_the_data(client, offer):
    url = step_url(offer, "other")
    response = client.post(url, {"revision": offer.revision, "other_information": "x"}, HTTP_X_AUTOSAVE="1")
    assert response.status_code == 401
    assert response.json()["login_url"].startswith(reverse("accounts:login"))
    assert client.session[STASH_KEY % url]["other_information"] == ["x"]


# --- joint offers and page weight ------------------------------------------------------------------


def test_a_cost_of_a_joint_offer_can_be_borne_by_a_partner(writer, reference_call, member):
    partner = OrganisationFactory(name="Fundacja Puszcza Dzieciom", legal_form="foundation", with_member=True)
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, partners=[partner])
    oa = offer.offer_actions.get(action__code="D")
    data = {**get_form(writer, offer, "costs"), f"costs-{oa.pk}-0-offeror": str(partner.pk)}
    assert writer.post(step_url(offer, "costs"), data).status_code == 302
    assert oa.cost_items.first().offeror == partner
    schedule = writer.get(step_url(offer, "schedule")).content.decode()
    assert partner.name in schedule.split('name="schedule-0-responsible"')[1].split("</select>")[0]


def test_a_submitted_offer_keeps_showing_its_control_sum_after_the_deadline(writer, member, reference_call):
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    with time_machine.travel(reference_call.submission_deadline + timedelta(days=1), tick=False):
        writer.force_login(member.user)
        page = writer.get(offer.get_absolute_url()).content.decode()
    box = page.split('id="submission"')[1].split("</section>")[0]
    assert offer.versions.get().short_checksum in box and "<form" not in box


@pytest.mark.parametrize("section", ["costs", "schedule", ""])
def test_pages_stay_within_a_query_budget(writer, offer, section, django_assert_max_num_queries):
    url = step_url(offer, section) if section else offer.get_absolute_url()
    with django_assert_max_num_queries(30):
        assert writer.get(url).status_code == 200


def test_the_overview_of_a_submitted_offer_links_to_its_confirmation(client, reference_call):
    from tests_support.factories import MembershipFactory
    from tests_support.offers import make_offer

    member = MembershipFactory(organisation__legal_form="association")
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    client.force_login(member.user)
    body = client.get(f"/offers/{offer.pk}/").content.decode()
    assert f"/offers/{offer.pk}/versions/1/confirmation.pdf" in body
    assert "Pobierz potwierdzenie złożenia oferty (PDF)" in body


@pytest.mark.parametrize("base", ["total", "actions"])
def test_the_live_totals_measure_administrative_costs_on_the_calls_base(writer, offer, base):
    Call.objects.filter(pk=offer.call_id).update(admin_cost_base=base)
    offer = type(offer).objects.select_related("call").get(pk=offer.pk)
    table = selectors_costs.cost_table(offer)
    for col in table["columns"]:
        t = col["t"]
        assert t.admin > 0
        expected = (t.total - t.admin) if base == "actions" else t.total
        assert col["admin_share"] == t.admin / expected
        assert col["admin_over"] == (t.admin > expected * offer.call.max_admin_share)
    totals = writer.get(step_url(offer, "costs")).content.decode().split('id="totals"')[1]
    assert f'data-admin-cost-base="{base}"' in totals  # the script measures the same way while typing
