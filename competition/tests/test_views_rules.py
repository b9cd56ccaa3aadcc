"""The clerk's screen of the call's rules, and the announcement that states every rule."""
import io
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from competition import selectors, services
from competition.announcement import ANNOUNCEMENT_TEMPLATE, announced_rules, announcement_context
from competition.models import Call, CallEvent
from competition.rules import RULE_KEYS
from core.pdf.render import render_html
from tests_support.factories import CallFactory

pytestmark = pytest.mark.django_db


def url(name: str, call: Call) -> str:
    return reverse(f"competition:{name}", kwargs={"slug": call.slug})


def rules_data(call: Call, **overrides) -> dict:
    data = {
        "tie_break": call.tie_break,
        "tie_break_criterion": call.tie_break_criterion,
        "min_recommended_score": "" if call.min_recommended_score is None else str(call.min_recommended_score),
        "negotiation_days": str(call.negotiation_days),
        "correction_days": str(call.correction_days),
        "min_sheets": "" if call.min_sheets is None else str(call.min_sheets),
        "impartiality_grounds": "\r\n".join(call.impartiality_grounds),
        "required_statements": list(call.required_statements),
        "admin_cost_base": call.admin_cost_base,
        "task_form": call.task_form,
    }
    if call.four_eyes:
        data["four_eyes"] = "on"
    if call.show_other_sheets:
        data["show_other_sheets"] = "on"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- the editor ------------------------------------------------------------------------------


def test_a_draft_s_rules_are_saved_and_recorded(as_role, draft_call):
    data = rules_data(draft_call, tie_break="submission", min_recommended_score="7,5", negotiation_days="10",
                      min_sheets="3", four_eyes="on")
    response = as_role("clerk").post(url("manage_rules", draft_call), data)
    assert response.status_code == 302
    call = Call.objects.get(pk=draft_call.pk)
    assert (call.tie_break, call.min_recommended_score, call.negotiation_days) == ("submission", Decimal("7.50"), 10)
    assert (call.min_sheets, call.four_eyes) == (3, True)
    event = call.events.get()
    assert event.kind == CallEvent.Kind.EDITED
    assert event.changes["rules.tie_break"] == ["none", "submission"]
    assert event.changes["rules.min_recommended_score"] == [None, "7.50"]


def test_a_tie_break_criterion_must_be_a_criterion_of_the_call(as_role, draft_call):
    response = as_role("clerk").post(url("manage_rules", draft_call), rules_data(draft_call, tie_break="criterion"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "wskaż kryterium oceny merytorycznej, którego średnia rozstrzyga remisy" in text
    assert 'href="#id_tie_break_criterion"' in text
    assert not draft_call.events.exists()
    response = as_role("clerk").post(url("manage_rules", draft_call),
                                     rules_data(draft_call, tie_break="criterion", tie_break_criterion="a"))
    assert response.status_code == 302
    assert Call.objects.get(pk=draft_call.pk).tie_break_criterion == "a"


def test_a_minimum_score_above_the_maximum_is_refused(as_role, draft_call):
    response = as_role("clerk").post(url("manage_rules", draft_call), rules_data(draft_call, min_recommended_score="14"))
    assert response.status_code == 200
    assert "przekracza maksymalną liczbę punktów w konkursie (13)" in response.content.decode()
    assert Call.objects.get(pk=draft_call.pk).min_recommended_score is None


def test_a_published_call_s_rules_change_only_by_an_amendment_with_a_reason(as_role):
    call = CallFactory(published=True)
    client = as_role("clerk")
    data = rules_data(call, negotiation_days="10")
    response = client.post(url("manage_rules", call), data)
    assert response.status_code == 200
    assert Call.objects.get(pk=call.pk).negotiation_days == 7
    response = client.post(url("manage_rules", call), {**data, "amendment-reason": "Dłuższy termin odpowiedzi."})
    assert response.status_code == 302
    event = call.events.get()
    assert (event.kind, event.reason) == (CallEvent.Kind.AMENDED, "Dłuższy termin odpowiedzi.")
    assert event.changes == {"rules.negotiation_days": [7, 10]}
    assert event.is_public


def test_the_rules_are_read_only_once_submission_has_closed(as_role):
    call = CallFactory(state=Call.State.SUBMISSION_CLOSED)
    response = as_role("clerk").post(url("manage_rules", call), rules_data(call, negotiation_days="10"))
    assert response.status_code == 403
    assert Call.objects.get(pk=call.pk).negotiation_days == 7


def test_renaming_the_tie_break_criterion_is_reported_on_the_rules_screen(as_role, draft_call):
    Call.objects.filter(pk=draft_call.pk).update(tie_break="criterion", tie_break_criterion="zz")
    response = as_role("clerk").get(url("manage_validate", draft_call))
    text = response.content.decode()
    assert f'{url("manage_rules", draft_call)}#div_id_tie_break_criterion' in text


# --- the announcement --------------------------------------------------------------------


@pytest.fixture
def other_shape_call(clerk):
    """The reference call with other rules: ties by the earlier submission, 25 points, 10 days."""
    from demo.loader import reference_call_document

    doc = reference_call_document()
    doc["rules"].update(tie_break="submission", min_recommended_score="25.00", negotiation_days=10, four_eyes=True,
                        correction_days=5, min_sheets=3, show_other_sheets=False, admin_cost_base="actions",
                        task_form="entrustment",
                        required_statements=["statutory", "true"])
    call = services.call_import(document=doc, by=clerk)
    return services.call_publish(call=call, by=clerk)


SENTENCES = (
    "W przypadku równej liczby punktów o kolejności decyduje wcześniejsze złożenie oferty.",
    "Oferta rekomendowana do dofinansowania musi uzyskać co najmniej 25 pkt.",
    "Na odpowiedź na propozycję niższej dotacji oferent ma 10 dni; brak odpowiedzi oznacza rezygnację.",
    "a oferent ma 5 dni na ich poprawienie i ponowne złożenie oferty.",
    "Każdą kartę oceny formalnej zatwierdza drugi pracownik urzędu (zasada dwóch par oczu).",
    "Ocena merytoryczna oferty wymaga co najmniej 3 kart oceny członków komisji",
    "Członkowie komisji nie widzą kart oceny pozostałych członków.",
    "Członek komisji podlega wyłączeniu z oceny oferty",
    "Oferta musi zawierać oświadczenia oferenta, że:",
    "Koszty administracyjne mogą wynosić do 15,00% wartości realizowanych działań (kosztów działań, bez kosztów "
    "administracyjnych)",
)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_rule_of_the_document_is_stated():
    call = CallFactory()
    stated = {key for rule in announced_rules(call) for key in rule.keys}
    assert stated == set(RULE_KEYS)


def test_the_public_page_states_every_rule(client, other_shape_call):
    text = flat(client.get(other_shape_call.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="pl").content.decode())
    for sentence in SENTENCES:
        assert sentence in text
    with translation.override("pl"):
        rules = announced_rules(other_shape_call)
    for rule in rules:
        assert f'id="{rule.anchor}"' in text
        for item in rule.items:
            assert item in text
    assert "zadanie mieści się w zakresie działalności pożytku publicznego oferenta" in text
    assert "oferent nie zalega z płatnościami należności z tytułu zobowiązań podatkowych" not in text


def test_the_announcement_pdf_states_every_rule(client, other_shape_call):
    call = selectors.call_get_public(slug=other_shape_call.slug)
    html = flat(render_html(ANNOUNCEMENT_TEMPLATE, announcement_context(call)))
    for sentence in SENTENCES:
        assert sentence in html
    for rule in announcement_context(call)["announced"]:
        assert f'id="{rule.anchor}"' in html
        for item in rule.items:
            assert item in html
    response = client.get(reverse("reports:announcement_pdf", kwargs={"slug": call.slug}), HTTP_COOKIE="django_language=en")
    pdf = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages))
    assert "o kolejności decyduje wcześniejsze złożenie oferty" in pdf
    assert "co najmniej 25 pkt" in pdf
    assert "oferent ma 10 dni; brak odpowiedzi oznacza rezygnację" in pdf


def test_the_default_rules_are_stated_too(client, reference_call):
    text = flat(client.get(reference_call.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="pl").content.decode())
    assert "o kolejności ofert rozstrzyga organ ogłaszający konkurs" in text
    assert "Konkurs nie określa minimalnej liczby punktów" in text
    assert "oferent ma 7 dni; brak odpowiedzi oznacza rezygnację" in text
    assert "Ocena merytoryczna oferty wymaga kart oceny większości oceniających członków komisji" in text
    assert "Koszty administracyjne mogą wynosić do 15,00% całkowitego kosztu zadania (łącznie z kosztami " \
           "administracyjnymi)" in text
    assert "Burmistrz" not in render_to_string("competition/includes/_announced_rule.html",
                                               {"rule": announced_rules(reference_call)[0]})
