"""Rules of invitations (issue 18, points 3 and 5): pure functions, no database."""
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from offers import rules
from offers import rules_invitations as r


@pytest.fixture(autouse=True)
def polish():
    with translation.override("pl"):
        yield


def test_partner_invitations_count_against_the_hourly_limit():
    limits = r.Limits(per_user_per_hour=3)
    assert r.partner_limit_error(invited_by_user_last_hour=1, new=2, limits=limits) is None
    assert r.partner_limit_error(invited_by_user_last_hour=3, new=0, limits=limits) is None  # nothing new
    assert r.partner_limit_error(invited_by_user_last_hour=2, new=2, limits=limits).startswith(
        "W ciągu ostatniej godziny zaprosiłeś(-aś) jako partnerów 2 organizacji; limit wynosi 3 na godzinę.")


def test_a_partner_that_has_not_accepted_blocks_submission_by_name():
    data = rules.OfferData(pending_partners=[("Fundacja Puszcza", "invited"), ("Koło Leśne", "declined")])
    limits = rules.CallLimits(min_actions=1, max_grant_share=Decimal("0.9"), max_admin_share=Decimal("0.15"),
                              action_budgets={}, realisation_start=date(2026, 1, 1), realisation_end=date(2026, 12, 31))
    messages = [p.message for p in rules.offer_problems(data, limits) if p.section == "offerors"]
    assert "Partner „Fundacja Puszcza” nie przyjął jeszcze zaproszenia do tej oferty." in messages[0]
    assert messages[1] == ("Partner „Koło Leśne” odmówił udziału w tej ofercie. Przed złożeniem oferty usuń go "
                           "z oferentów.")
