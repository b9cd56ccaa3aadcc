"""The statements step: the call decides which statements the offer shows, a statement with two
variants is answered in either, and the offer's PDF prints the chosen variant's text."""
import pytest

from competition.models import Call
from offers import selectors as offer_selectors
from offers.models import Offer
from offers.tests.test_offer_pdfs import _draft_url, _flat, _get_pdf
from offers.tests.test_offer_views import form_data, step_url
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer


@pytest.fixture
def member(db):
    return MembershipFactory(organisation__legal_form="association")


@pytest.fixture
def offer(reference_call, member):
    Call.objects.filter(pk=reference_call.pk).update(required_statements=["statutory", "no_tax_arrears", "true"])
    return make_offer(call=Call.objects.get(pk=reference_call.pk), organisation=member.organisation,
                      user=member.user)


def test_the_form_shows_only_the_statements_the_call_requires(client, member, offer):
    client.force_login(member.user)
    page = client.get(step_url(offer, "statements"))
    fields = page.context["step"].form.fields
    assert set(fields) == {"revision", "st_statutory", "tax_arrears", "st_true"}
    assert 'name="st_new_task"' not in page.content.decode()


@pytest.mark.parametrize("answer", ["none", "arrears"])
def test_an_arrears_statement_is_answered_in_either_variant(client, member, offer, answer):
    Offer.objects.filter(pk=offer.pk).update(st_no_tax_arrears=False, tax_arrears="")
    client.force_login(member.user)
    data = form_data(client.get(step_url(offer, "statements")))
    response = client.post(step_url(offer, "statements"), {**data, "tax_arrears": answer})
    assert response.status_code == 302
    offer = Offer.objects.get(pk=offer.pk)
    assert (offer.st_no_tax_arrears, offer.tax_arrears) == (True, answer)
    assert offer.st_new_task  # a statement the call does not require is left as it was


def test_an_unanswered_arrears_statement_blocks_submission_with_a_message_naming_it(client, member, offer):
    Offer.objects.filter(pk=offer.pk).update(st_no_tax_arrears=False, tax_arrears="")
    problems = offer_selectors.offer_problems(Offer.objects.get(pk=offer.pk))
    assert [(p.section, p.field) for p in problems] == [("statements", "tax_arrears")]


def test_the_offer_pdf_prints_the_chosen_variant_and_only_the_required_statements(client, member, offer):
    Offer.objects.filter(pk=offer.pk).update(tax_arrears="arrears")
    client.force_login(member.user)
    _reader, text = _get_pdf(client, _draft_url(offer))
    flat = _flat(text)
    assert "niniejszą ofertę zalega(-ją) z opłacaniem należności z tytułu zobowiązań podatkowych" in flat
    assert "nie zalega" not in flat, flat[flat.index("nie zalega") - 200:flat.index("nie zalega") + 100]
    assert "niecyklicznym" not in flat and "ubezpieczenia społeczne" not in flat
    assert "3) wszystkie informacje podane w ofercie" in flat
