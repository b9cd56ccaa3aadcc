"""Officials of one authority see and act on nothing of another's: its calls answer 404, lists
show only their own authority's rows, a call is made and imported only for their own authority."""
import pytest
from django.urls import reverse
from django.utils import timezone

from competition import services as call_services
from competition.models import Call
from competition.rules import CallDocumentError
from notifications.models import Message
from tests_support.contracts import funded
from tests_support.factories import CallFactory, ClerkFactory, MayorFactory, wojt

pytestmark = pytest.mark.django_db


@pytest.fixture
def stranger():
    """A clerk and the deciding authority of another authority (a wójt's gmina)."""
    other = wojt()
    user = ClerkFactory(authorities=[other])
    from authorities.services import role_grant

    role_grant(authority=other, user=user, role="decider")
    return user


def test_another_authority_s_call_is_not_found_on_every_kind_of_page(client, reference_call, clerk, mayor, stranger):
    world = funded(reference_call, clerk, mayor)
    slug, contract = world.call.slug, world.contract
    offer = world.offers[0]
    pages = [
        reverse("competition:manage_detail", kwargs={"slug": slug}),
        reverse("competition:manage_history", kwargs={"slug": slug}),
        reverse("evaluation:formal_overview", kwargs={"slug": slug}),
        reverse("chair:progress", kwargs={"slug": slug}),
        reverse("merit_pdf:protocol", kwargs={"slug": slug}),
        reverse("awards:decision", kwargs={"slug": slug}),
        reverse("awards:history", kwargs={"slug": slug}),
        reverse("contracts:call_contracts", kwargs={"slug": slug}),
        reverse("contracts:contract", kwargs={"pk": contract.pk}),
        reverse("final_report:report", kwargs={"pk": contract.pk}),
        reverse("reports:offer_audit", kwargs={"pk": offer.pk}),
    ]
    client.force_login(stranger)
    assert {url: client.get(url).status_code for url in pages} == {url: 404 for url in pages}
    client.force_login(clerk)  # the call's own clerk opens them
    assert all(client.get(url).status_code == 200 for url in pages if "protocol" not in url)


def test_lists_show_only_the_user_s_authority(client, clerk, stranger):
    own, foreign = CallFactory(title="Nasz konkurs"), CallFactory(title="Obcy konkurs", authority=wojt())
    now = timezone.now()
    for call in (own, foreign):
        Message.objects.create(kind="submitted", email=f"{call.pk}@x.pl", object_key=f"call:{call.pk}", due_at=now,
                               subject=call.title, body="", next_attempt_at=now, authority_id=call.authority_id)
    Message.objects.create(kind="invitation", email="zaproszenie@x.pl", object_key="invitation:1", due_at=now,
                           subject="Zaproszenie", body="", next_attempt_at=now)
    client.force_login(clerk)
    calls = client.get(reverse("competition:manage_list")).content.decode()
    outbox = client.get(reverse("notifications:outbox_list")).content.decode()
    assert "Nasz konkurs" in calls and "Obcy konkurs" not in calls
    assert f"{own.pk}@x.pl" in outbox and f"{foreign.pk}@x.pl" not in outbox and "zaproszenie@x.pl" not in outbox
    client.force_login(stranger)
    calls = client.get(reverse("competition:manage_list")).content.decode()
    assert "Obcy konkurs" in calls and "Nasz konkurs" not in calls


def test_the_decision_list_keeps_to_the_deciding_authority_s_calls(client, reference_call, clerk, mayor, stranger):
    funded(reference_call, clerk, mayor)
    title = Call.objects.get(pk=reference_call.pk).title
    client.force_login(mayor)
    assert title in client.get(reverse("awards:decision_list")).content.decode()
    client.force_login(MayorFactory(authorities=[wojt()]))
    assert title not in client.get(reverse("awards:decision_list")).content.decode()


def test_a_call_is_made_only_for_the_clerk_s_own_authority(client, clerk):
    foreign = wojt()
    client.force_login(clerk)
    response = client.post(reverse("competition:manage_create"), {"title": "Obcy", "authority": foreign.pk})
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert not Call.objects.filter(title="Obcy").exists()


def test_a_document_of_another_authority_is_not_imported_by_a_stranger(stranger):
    from demo.loader import reference_call_document

    document = reference_call_document()
    call_services.call_import(document={**document, "slug": "pierwszy"}, by=ClerkFactory())  # the authority is stored
    with pytest.raises(CallDocumentError) as refused:
        call_services.call_import(document=document, by=stranger)
    assert [error.path for error in refused.value.errors] == ["authority.slug"]


def test_a_clerk_importing_a_new_authority_becomes_its_clerk():
    from authorities.permissions import is_clerk_of
    from demo.loader import reference_call_document
    from tests_support.factories import UserFactory

    importer = UserFactory()
    call = call_services.call_import(document=reference_call_document(), by=importer)
    assert is_clerk_of(type(importer).objects.get(pk=importer.pk), call)
