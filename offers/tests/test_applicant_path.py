"""The applicant's path (issue 25, point 4): back to the offer after registering the organisation,
attachments as a step, the PDF preview, "Co dalej" after submitting, one "My offers" page, and the
confirmation asked before submitting or withdrawing."""
import pytest
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer, OfferVersion
from tests_support.factories import MembershipFactory, UserFactory
from organisations.tests.test_organisation_views import FORM
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db


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


def _organisation_data() -> dict:
    return {**FORM, "name": "Stowarzyszenie Nowy Start"}


def test_registering_an_organisation_from_an_offers_start_returns_to_it(client, reference_call):
    user = UserFactory()
    client.force_login(user)
    start = reverse("offers:offer_create", kwargs={"slug": reference_call.slug})
    page = client.get(start).content.decode()
    register = reverse("offers:organisation_create") + "?next=" + start
    assert f'href="{register}"' in page
    form = client.get(register).content.decode()
    assert f'name="next" value="{start}"' in form and 'id="back-to-offer"' in form
    response = client.post(reverse("offers:organisation_create"), {**_organisation_data(), "next": start})
    if response.status_code == 200:  # the form's rules for the data above: say which field failed
        pytest.fail(str(response.context["errors"]))
    assert response.status_code == 302 and response["Location"] == start
    assert "Stowarzyszenie Nowy Start" in client.get(start).content.decode()  # now offered as the offeror


def test_a_next_outside_the_portal_is_ignored(client):
    client.force_login(UserFactory())
    response = client.post(reverse("offers:organisation_create"),
                           {**_organisation_data(), "next": "https://example.com/phish"})
    assert response.status_code == 302
    assert response["Location"].startswith("/organisations/")


def test_attachments_are_a_step_of_the_offer(writer, offer):
    page = writer.get(offer.get_absolute_url()).content.decode()
    attachments = reverse("offer_attachments", kwargs={"pk": offer.pk})
    assert f'href="{attachments}"' in page and 'data-nav-section="attachments"' in page
    step = writer.get(attachments).content.decode()
    assert 'aria-current="step"' in step and "Załączniki</h2>" in step
    assert 'class="offer-steps"' in step  # the steps' navigation beside it, as on every step


def test_the_overview_offers_a_pdf_preview_and_asks_before_submitting(writer, offer):
    page = writer.get(offer.get_absolute_url()).content.decode()
    assert f'href="{reverse("reports:offer_draft_pdf", kwargs={"pk": offer.pk})}"' in page
    assert "Podgląd PDF" in page
    assert 'data-confirm="submit-confirm"' in page and '<dialog class="confirm-dialog" id="submit-confirm"' in page
    assert 'aria-labelledby="submit-confirm-title"' in page
    assert 'name="confirmed" value="1" id="submit-confirm-check" required' in page  # without JavaScript


def test_submitting_leads_to_what_happens_next(writer, offer, reference_call):
    response = writer.post(reverse("offers:offer_submit", kwargs={"pk": offer.pk}))
    next_steps = reverse("offers:offer_next_steps", kwargs={"pk": offer.pk})
    assert response.status_code == 302 and response["Location"] == next_steps
    page = writer.get(next_steps).content.decode()
    version = OfferVersion.objects.get(offer=offer)
    assert version.short_checksum in page
    deadline = timezone.localtime(reference_call.confirmation_deadline)
    assert f'{deadline:%H:%M}' in page and 'id="confirmation-deadline"' in page
    assert reference_call.confirmation_address.splitlines()[0] in page
    assert reverse("reports:offer_confirmation_pdf", kwargs={"pk": offer.pk, "number": 1}) in page
    assert reverse("signatures:upload", kwargs={"pk": offer.pk, "number": 1}) in page
    overview = writer.get(offer.get_absolute_url()).content.decode()
    assert 'id="checklist"' not in overview and "można złożyć" not in overview
    assert f'href="{next_steps}"' in overview
    assert 'data-confirm="withdraw-confirm"' in overview


def test_what_happens_next_of_a_draft_goes_back_to_the_overview(writer, offer):
    response = writer.get(reverse("offers:offer_next_steps", kwargs={"pk": offer.pk}))
    assert response.status_code == 302 and response["Location"] == offer.get_absolute_url()
    assert Offer.objects.get(pk=offer.pk).state == Offer.State.DRAFT


def test_my_offers_is_one_page_in_the_menu_and_the_breadcrumb(writer, offer):
    page = writer.get(offer.get_absolute_url()).content.decode()
    mine = reverse("offers_dashboard")
    assert f'href="{mine}" id="nav-offers"' in page
    breadcrumb = page[page.index('class="breadcrumb"'):]
    assert f'href="{mine}"' in breadcrumb[:300]
    dashboard = writer.get(mine).content.decode()
    assert "<h1 class=\"h2 mb-4\">Moje oferty</h1>" in dashboard
    assert reverse("offers:offer_list") in dashboard  # the searchable list, one click away
    assert f'href="{mine}"' in writer.get(reverse("offers:offer_list")).content.decode()
