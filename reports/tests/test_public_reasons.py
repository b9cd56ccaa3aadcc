"""The public reason for each offer without a (full) grant, on the results page and in the
results PDF, computed from what happened (`awards.rules.public_reasons`), and the published
results rebuilt after every negotiation event (a resignation, an overdue answer, an accepted
lower grant, a re-allocation), as after a publication.

The call is the one of `test_results` (budgets A 8 100, B 5 000, C 7 200, D 10 000; every
action asked for at 4 050,00):

    offer  place  proposal
    001    1      A 4 050 + D 4 050 (ex aequo)
    002    1      A 4 050 + D 4 050 (ex aequo)
    006    3      A exhausted, D the remainder 1 900
    004    4      A and D exhausted
    003    —      below the minimum score of 30 (B has all its 5 000 left)
    005    —      formally rejected
"""
import re
import subprocess
from datetime import date, timedelta
from decimal import Decimal as D
from types import SimpleNamespace
from unittest import mock

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from awards import services as award_services
from awards.models import Decision, Grant
from awards.negotiation import services as negotiation
from competition.models import Action, Call
from core.money import format_money
from core.pdf import tasks as pdf_tasks
from offers.models import Offer
from offers.signals import offer_adjusted
from reports import tasks as report_tasks
from reports.tests.test_results import BUDGETS, ORDER, SPECS, _formal_check, _merit, _offers, build
from tests_support.pdf import pdf_text

pytestmark = pytest.mark.django_db

LOWERED = "Koszty wynajmu sali zawyżone względem cen rynkowych"


def _pl(message: str, **values) -> str:
    with translation.override("pl"):
        return str(gettext(message)) % values if values else str(gettext(message))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def _reason(html: str, table: str, number: str) -> str:
    body = re.search(rf'<table[^>]*id="{table}"[^>]*>(.*?)</table>', html, re.S).group(1)
    row = re.search(rf'<tr[^>]*data-offer="{re.escape(number)}"[^>]*>(.*?)</tr>', body, re.S).group(1)
    cell = re.search(r"<td[^>]*data-reason[^>]*>(.*?)</td>", row, re.S).group(1)
    return _flat(re.sub(r"<[^>]+>", " ", cell)).strip()


def _page(client, call) -> str:
    return client.get(reverse("reports:results", kwargs={"slug": call.slug})).content.decode()


def _grant(call, offer, code) -> Grant:
    return Grant.objects.get(decision__call=call, offer=offer, action__code=code)


@pytest.fixture
def published(reference_call, clerk, mayor):
    return build(reference_call, clerk, mayor)


@pytest.fixture
def lowered(reference_call, clerk, mayor):
    """As `published`, but before deciding the authority lowers offer 001's D to 3 000,00 with a reason."""
    call = reference_call
    for code, budget in BUDGETS.items():
        Action.objects.filter(call=call, code=code).update(budget=budget)
    Call.objects.filter(pk=call.pk).update(min_recommended_score=D("30.00"))
    offers = _offers(call, SPECS)
    rejected = [o for o, spec in zip(offers, SPECS) if spec[4] is None]
    call = _formal_check(call, clerk, offers, rejected)
    call = _merit(call, [o for o in offers if o not in rejected], [s[4] for s in SPECS if s[4] is not None])
    decision = award_services.decision_propose(call=call, by=clerk)
    first_d = _grant(call, offers[0], "D")
    decision = award_services.decision_set_amounts(decision=decision, amounts={first_d.pk: "3000,00"},
                                                   reasons={first_d.pk: LOWERED}, by=mayor)
    award_services.decision_lock(decision=decision, order_number=ORDER, order_date=date(2019, 6, 14), by=mayor)
    award_services.results_publish(call=Call.objects.get(pk=call.pk), by=clerk)
    return Call.objects.get(pk=call.pk), [Offer.objects.get(pk=o.pk) for o in offers]


def test_money_left_in_an_action_is_never_called_exhausted(client, lowered):
    call, offers = lowered
    html = _page(client, call)
    # 001: lowered in D with the authority's stated reason (it is in the funded table)
    assert _reason(html, "funded", offers[0].number) == _pl("action %(action)s: the authority's reason: %(reason)s",
                                                            action="D", reason=LOWERED)
    # 006: in D 10 000 − 4 050 − 3 000 = 2 950 was left for it, it got the proposal's 1 900: not "exhausted"
    assert _reason(html, "funded", offers[5].number) == "; ".join([
        _pl("action %(action)s: its money was used up by offers ranked higher", action="A"),
        _pl("action %(action)s: the authority awarded less than the money left in the action allowed", action="D")])
    # 004: A used up; in D 1 050 is still left, so that part is the authority's choice
    assert _reason(html, "not-funded", offers[3].number) == "; ".join([
        _pl("action %(action)s: its money was used up by offers ranked higher", action="A"),
        _pl("action %(action)s: the authority awarded less than the money left in the action allowed", action="D")])
    # 002: granted in full, no reason
    assert _reason(html, "funded", offers[1].number) == "— " + _pl("granted in full")


def test_money_left_but_the_offer_is_below_the_minimum_score(client, published):
    call, offers = published
    html = _page(client, call)
    assert _grant(call, offers[2], "B").awarded == D("0.00")  # B's whole budget is left
    assert _reason(html, "not-funded", offers[2].number) == _pl("below the minimum score of %(min)s", min="30")


def test_the_remainder_of_an_action_is_a_partial_grant_with_what_was_left(client, published):
    call, offers = published
    with translation.override("pl"):
        left = format_money(D("1900.00"))
    assert _reason(_page(client, call), "funded", offers[5].number) == "; ".join([
        _pl("action %(action)s: its money was used up by offers ranked higher", action="A"),
        _pl("action %(action)s: granted in part, only %(left)s was left after offers ranked higher", action="D",
            left=left)]).replace("\u00a0", " ")


def test_a_resignation_after_publication_is_the_reason_and_the_freed_money_is_named(client, published):
    call, offers = published
    sixth = Offer.objects.get(pk=offers[5].pk)
    assert sixth.state == Offer.State.NEGOTIATION  # a partial grant: asked to accept it
    negotiation.negotiation_withdraw(offer=sixth, by=sixth.organisation.memberships.first().user)
    html = _page(client, call)
    assert _reason(html, "not-funded", sixth.number) == _pl("the offeror resigned from the lower grant it was awarded")
    with translation.override("pl"):
        freed = format_money(D("1900.00"))
    assert _reason(html, "not-funded", offers[3].number) == "; ".join([
        _pl("action %(action)s: its money was used up by offers ranked higher", action="A"),
        _pl("action %(action)s: its money was used up by offers ranked higher when the decision was made; "
            "%(freed)s freed later by a resignation has not been re-allocated to this offer", action="D",
            freed=freed)]).replace("\u00a0", " ")


def _raw_text(response) -> str:
    """The PDF's text in the order it was written (a table cell's lines together), flattened."""
    pdf_text(response)  # a PDF, and pdftotext is there (or the test is skipped)
    result = subprocess.run(["pdftotext", "-raw", "-", "-"], input=response.content, capture_output=True, check=True)
    return _flat(result.stdout.decode())


def test_the_results_pdf_prints_the_reasons(client, lowered):
    call, offers = lowered
    text = _raw_text(client.get(reverse("reports:results_pdf", kwargs={"slug": call.slug})))
    assert _pl("action %(action)s: the authority's reason: %(reason)s", action="D", reason=LOWERED) in text
    assert _pl("action %(action)s: the authority awarded less than the money left in the action allowed",
               action="D") in text
    assert _pl("action %(action)s: its money was used up by offers ranked higher", action="A") in text
    assert _pl("below the minimum score of %(min)s", min="30") in text


# --- the published results rebuilt after the negotiation's events ---------------------------------------


@pytest.fixture
def queued():
    """The PDF builds and the results page's warm-ups queued (nothing runs)."""
    with mock.patch.object(pdf_tasks.build_pdf, "delay") as builds, \
            mock.patch.object(report_tasks.warm_results_page, "delay") as warmups:
        yield SimpleNamespace(builds=builds, warmups=warmups)


def _queued(queued, call) -> tuple[list, list]:
    return sorted(c.args for c in queued.builds.call_args_list), [c.args for c in queued.warmups.call_args_list]


def _expected(call):
    return [("ranking", call.pk), ("results", call.pk)], [(call.pk,)]


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_a_resignation_after_publication_rebuilds_the_pdfs_and_the_page_after_the_commit(
        published, queued, django_capture_on_commit_callbacks):
    call, offers = published
    sixth = Offer.objects.get(pk=offers[5].pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        negotiation.negotiation_withdraw(offer=sixth, by=sixth.organisation.memberships.first().user)
    assert _queued(queued, call) == ([], [])  # nothing before the commit
    for callback in callbacks:
        callback()
    assert _queued(queued, call) == _expected(call)


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_an_overdue_answer_after_publication_rebuilds_them(published, queued, django_capture_on_commit_callbacks):
    call, offers = published
    sixth = Offer.objects.get(pk=offers[5].pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert negotiation.negotiations_expire(now=sixth.fixed_until + timedelta(seconds=1)) == 1
    assert _queued(queued, call) == _expected(call)


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_an_accepted_lower_grant_after_publication_rebuilds_them(published, queued, django_capture_on_commit_callbacks):
    call, offers = published
    sixth = Offer.objects.get(pk=offers[5].pk)
    with django_capture_on_commit_callbacks(execute=True):
        offer_adjusted.send(sender=Offer, offer=sixth, version=SimpleNamespace(number=2, checksum="x"),
                            by=sixth.organisation.memberships.first().user, now=sixth.updated_at)
    assert _queued(queued, call) == _expected(call)


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_a_re_allocation_after_publication_rebuilds_them(published, mayor, queued, django_capture_on_commit_callbacks):
    call, offers = published
    second = Offer.objects.get(pk=offers[1].pk)
    # 002 is lowered by a correction (a negotiation opens) and resigns: its money goes to 006 by the re-allocation
    decision = Decision.objects.get(call=call)
    grant = _grant(call, second, "A")
    award_services.decision_correct(decision=decision, amounts={grant.pk: "2000,00"}, reason="Korekta", by=mayor)
    second = Offer.objects.get(pk=second.pk)
    negotiation.negotiation_withdraw(offer=second, by=second.organisation.memberships.first().user)
    queued.builds.reset_mock()
    queued.warmups.reset_mock()
    with django_capture_on_commit_callbacks(execute=True):
        negotiation.reallocation_confirm(decision=Decision.objects.get(pk=decision.pk), by=mayor)
    assert _queued(queued, call) == _expected(call)


def test_before_publication_the_negotiation_queues_nothing(reference_call, clerk, mayor, queued,
                                                           django_capture_on_commit_callbacks):
    call, offers = build(reference_call, clerk, mayor, publish=False)
    sixth = Offer.objects.get(pk=offers[5].pk)
    with django_capture_on_commit_callbacks(execute=True):
        negotiation.negotiation_withdraw(offer=sixth, by=sixth.organisation.memberships.first().user)
    assert _queued(queued, call) == ([], [])
