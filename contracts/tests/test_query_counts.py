"""The office's lists of contracts read the same number of queries for 10 contracts as for 200.

The world: the reference call decided with every offer funded and one contract with a final
report (`tests_support.contracts`). The offers are copied with every row that hangs off them
(`core.tests.test_query_counts.add_copies`), and each copy gets a copy of the contract, its
budget, its results and its report, so that every row of the lists has all it shows.
"""
import pytest
from django.urls import reverse
from django.utils import timezone

from contracts.final_report.models import FinalReport
from contracts.models import Contract, ContractCost, ContractResult
from core.tests.test_query_counts import _copy, _no_weasyprint, add_copies, assert_flat  # noqa: F401
from offers.models import Offer, OfferVersion
from tests_support.contracts import funded

pytestmark = pytest.mark.django_db


def _contract_copies(call, template: Contract) -> None:
    """A copy of `template` (with its budget, results and report) for every offer of the call
    that has none."""
    offers = list(Offer.objects.filter(call=call, contract__isnull=True).exclude(number="").order_by("number"))
    versions = {v.offer_id: v.pk for v in OfferVersion.objects.filter(offer__in=offers).order_by("number")}
    contracts = Contract.objects.bulk_create([
        _copy(template, offer_id=offer.pk, version_id=versions[offer.pk], number=f"OKO/{offer.number}/2019")
        for offer in offers
    ])
    costs, results = list(template.costs.all()), list(template.results.all())
    ContractCost.objects.bulk_create([_copy(c, contract_id=new.pk) for new in contracts for c in costs])
    ContractResult.objects.bulk_create([_copy(r, contract_id=new.pk) for new in contracts for r in results])
    report = template.report
    FinalReport.objects.bulk_create([_copy(report, contract_id=new.pk) for new in contracts])


@pytest.fixture
def world(reference_call, clerk, mayor):
    world = funded(reference_call, clerk, mayor)
    c = world.contract
    FinalReport.objects.create(contract=c, grant_received=c.grant_total, period_start=c.start_date,
                               period_end=c.end_date, due=c.report_due, updated_at=timezone.now(),
                               updated_by=world.grantee)
    return world


def _page(world, url: str):
    def page(n: int) -> str:
        add_copies(world.call, world.offers, n)
        _contract_copies(world.call, Contract.objects.get(pk=world.contract.pk))
        assert Contract.objects.filter(call=world.call).count() == n
        return url

    return page


def test_the_offices_contract_list_reads_the_same_queries_for_10_and_200(client, world, clerk,
                                                                           django_assert_num_queries):
    client.force_login(clerk)
    assert_flat(client, _page(world, reverse("contracts:dashboard")), django_assert_num_queries,
                shows=("OKO/200/2019",))


def test_a_calls_contract_list_reads_the_same_queries_for_10_and_200(client, world, clerk,
                                                                      django_assert_num_queries):
    client.force_login(clerk)
    url = reverse("contracts:call_contracts", kwargs={"slug": world.call.slug}) + "?sort=-number"  # the list is paged
    assert_flat(client, _page(world, url), django_assert_num_queries, shows=("OKO/200/2019",))
