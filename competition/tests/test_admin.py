"""The admin site shows a published call read-only and refuses to change or delete it, its
actions or its criteria: changes go through amendments (test client as a superuser)."""
import re

import pytest
from django.urls import reverse

from competition.models import Action, Call, MeritCriterion
from tests_support.factories import CallFactory

pytestmark = pytest.mark.django_db

AMENDMENTS = "zmienia się wyłącznie aneksem (zmianą ogłoszenia z uzasadnieniem)"


@pytest.fixture
def published(db):
    return CallFactory(published=True, title="Konkurs opublikowany")


@pytest.fixture
def draft(db):
    return CallFactory(title="Konkurs roboczy")


def _change(model, pk) -> str:
    return reverse(f"admin:competition_{model}_change", args=[pk])


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_a_published_call_is_shown_read_only_with_the_way_to_amend_it(client, admin_user, published):
    client.force_login(admin_user)
    response = client.get(_change("call", published.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="title"' not in body  # no field to type into
    assert '<div class="readonly">Konkurs opublikowany</div>' in body
    assert 'name="_save"' not in body
    text = _text(response)
    assert AMENDMENTS in text
    assert reverse("competition:manage_detail", kwargs={"slug": published.slug}) in text
    assert "Opublikowanego konkursu nie można usunąć." in text


def test_posting_the_change_form_of_a_published_call_changes_nothing(client, admin_user, published):
    client.force_login(admin_user)
    response = client.post(_change("call", published.pk), {"title": "Podmieniony tytuł", "slug": published.slug,
                                                           "_save": "Zapisz"})
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.title == "Konkurs opublikowany"


def test_a_published_call_cannot_be_deleted_one_by_one_or_in_bulk(client, admin_user, published):
    client.force_login(admin_user)
    delete = reverse("admin:competition_call_delete", args=[published.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    response = client.post(reverse("admin:competition_call_changelist"),
                           {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"})
    assert response.status_code == 403
    assert Call.objects.filter(pk=published.pk).exists()


def test_the_actions_and_criteria_of_a_published_call_are_read_only(client, admin_user, published):
    client.force_login(admin_user)
    action = published.actions.first()
    criterion = published.merit_criteria.first()
    assert 'name="title"' not in client.get(_change("action", action.pk)).content.decode()
    response = client.post(_change("action", action.pk), {"call": published.pk, "code": action.code,
                                                         "title": "Inne działanie", "budget": "999999.00"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.title != "Inne działanie"
    assert client.post(reverse("admin:competition_action_delete", args=[action.pk]), {"post": "yes"}).status_code == 403
    assert client.post(_change("meritcriterion", criterion.pk), {"name": "Inne"}).status_code == 403
    assert Action.objects.filter(pk=action.pk).exists() and MeritCriterion.objects.filter(pk=criterion.pk).exists()


def test_a_new_action_or_criterion_can_be_added_to_a_draft_only(client, admin_user, published, draft):
    client.force_login(admin_user)
    for model in ("action", "meritcriterion"):
        body = client.get(reverse(f"admin:competition_{model}_add")).content.decode()
        assert f'<option value="{draft.pk}">' in body
        assert f'<option value="{published.pk}">' not in body


def test_a_draft_stays_editable_in_the_admin(client, admin_user, draft):
    client.force_login(admin_user)
    response = client.get(_change("call", draft.pk))
    body = response.content.decode()
    assert 'name="title"' in body and 'name="_save"' in body
    assert AMENDMENTS not in _text(response)
    assert client.get(reverse("admin:competition_call_delete", args=[draft.pk])).status_code == 200
