"""The clerk sees, beside an offer, that its lead offeror's bank account changed after the
offer was submitted (or within BANK_ACCOUNT_NOTICE_DAYS before): the signed paper shows the
old account, the contract would take the new one."""
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer
from organisations import services as services_organisation
from organisations.models import BankAccountChange
from organisations.rules import BANK_ACCOUNT_NOTICE_DAYS, bank_account_notice

pytestmark = pytest.mark.django_db

NEW = "PL04318609139099603082462819"
NOTICE = "Rachunek bankowy organizacji zmieniono"


def _change_account(offer: Offer, *, at=None) -> None:
    """A member of the lead offeror saves a new account through the organisation's edit."""
    organisation = offer.organisation
    member = organisation.memberships.first().user
    data = {name: getattr(organisation, name) for name in services_organisation.ORGANISATION_FIELDS}
    services_organisation.organisation_update(organisation=organisation, data={**data, "bank_account": NEW},
                                              by=member, now=at)


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.mark.parametrize("days_before, shown", [
    (None, False), (-1, True), (0, True), (BANK_ACCOUNT_NOTICE_DAYS, True), (BANK_ACCOUNT_NOTICE_DAYS + 1, False),
])
def test_rule_a_change_after_or_shortly_before_submission_is_shown(days_before, shown):
    submitted = timezone.now()
    changed = None if days_before is None else submitted - timedelta(days=days_before)
    assert bank_account_notice(changed, submitted) is shown


def test_a_change_after_submission_is_shown_on_the_list_and_on_the_sheet(client, clerk, formal_call,
                                                                         submitted_offers):
    changed, other = submitted_offers[0], submitted_offers[1]
    _change_account(changed)
    when = BankAccountChange.objects.get().at
    client.force_login(clerk)

    overview = client.get(reverse("evaluation:formal_overview", kwargs={"slug": formal_call.slug}))
    rows = dict(re.findall(r'<tr id="offer-(\d+)"(.*?)</tr>', overview.content.decode(), re.S))
    stamp = timezone.localtime(when).strftime("%d.%m.%Y")
    assert f"{NOTICE} {stamp}" in " ".join(re.sub(r"<[^>]+>", " ", rows[str(changed.pk)]).split())
    assert NOTICE not in rows[str(other.pk)]

    kwargs = {"slug": formal_call.slug, "offer_pk": changed.pk}
    for name in ("evaluation:sheet", "evaluation:receipt_record"):
        text = _text(client.get(reverse(name, kwargs=kwargs)))
        assert f"{NOTICE} {stamp}" in text
        assert "Przed zawarciem umowy należy potwierdzić rachunek u osób reprezentujących organizację." in text
    other_sheet = reverse("evaluation:sheet", kwargs={"slug": formal_call.slug, "offer_pk": other.pk})
    assert NOTICE not in _text(client.get(other_sheet))


def test_a_change_long_before_submission_is_not_shown(client, clerk, formal_call, submitted_offers):
    offer = submitted_offers[0]
    _change_account(offer, at=offer.submitted_at - timedelta(days=BANK_ACCOUNT_NOTICE_DAYS + 1))
    client.force_login(clerk)
    overview = client.get(reverse("evaluation:formal_overview", kwargs={"slug": formal_call.slug}))
    assert NOTICE not in _text(overview)
