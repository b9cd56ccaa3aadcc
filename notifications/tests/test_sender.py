"""Messages about an authority's calls go from its own address (issue 23, one installation for
many authorities); an authority without one leaves the installation's DEFAULT_FROM_EMAIL."""
from datetime import timedelta
from email.utils import parseaddr

import pytest
from django.core import mail

from notifications import rules, services
from notifications.models import Message
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(reference_call):
    member = MembershipFactory(organisation__legal_form="association")
    return make_offer(call=reference_call, organisation=member.organisation, user=member.user)


def _remind(call):
    services.plan_reminders(now=rules.due_moment(call.submission_deadline, timedelta(days=7)))
    services.send_due(now=rules.due_moment(call.submission_deadline, timedelta(days=7)))


def test_a_reminder_goes_from_the_authority_s_own_sender(reference_call, draft):
    authority = reference_call.authority
    authority.email_from = "konkursy@gmina.example.pl"
    authority.save()
    _remind(reference_call)
    expected = (authority.office_name, "konkursy@gmina.example.pl")
    assert parseaddr(Message.objects.get(kind="submission_7d").sender) == expected
    assert parseaddr(mail.outbox[0].from_email) == expected


def test_without_its_own_sender_the_installation_s_is_used(reference_call, draft, settings):
    _remind(reference_call)
    assert Message.objects.get(kind="submission_7d").sender == ""
    assert mail.outbox[0].from_email == settings.DEFAULT_FROM_EMAIL


def test_a_legal_notice_to_offerors_goes_from_the_authority_s_sender(reference_call, draft):
    reference_call.authority.email_from = "konkursy@gmina.example.pl"
    reference_call.authority.save()
    from notifications.services import notify_offerors

    notify_offerors(draft, kind="formal_result", object_key=f"formal:{draft.pk}:1", title="Wynik", body="Treść",
                    url="/")
    assert Message.objects.get(kind="formal_result").sender.endswith("<konkursy@gmina.example.pl>")
