"""Before the contract, the clerk sees that the lead offeror's bank account changed after the
offer was submitted: the contract takes the account now in the organisation's data."""
import re

import pytest
from django.urls import reverse

from organisations import services as services_organisation
from tests_support.contracts import decided

pytestmark = pytest.mark.django_db

NEW = "PL04318609139099603082462819"
NOTICE = "Rachunek bankowy organizacji zmieniono"


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_funded_list_and_the_contract_form_show_a_changed_account(client, reference_call, clerk, mayor):
    offers = decided(reference_call, clerk, mayor)
    changed, other = offers[0], offers[1]
    organisation = changed.organisation
    data = {name: getattr(organisation, name) for name in services_organisation.ORGANISATION_FIELDS}
    services_organisation.organisation_update(organisation=organisation, data={**data, "bank_account": NEW},
                                              by=organisation.memberships.first().user)
    client.force_login(clerk)

    listing = client.get(reverse("contracts:call_contracts", kwargs={"slug": reference_call.slug})).content.decode()
    rows = re.findall(r"<tr>(.*?)</tr>", listing, re.S)

    def row_of(offer):  # the row headed by the offer's number (a number like 002 also occurs in amounts)
        return next(row for row in rows if re.search(rf'<th scope="row"[^>]*>\s*{offer.number}<', row))

    assert NOTICE in row_of(changed)
    assert NOTICE not in row_of(other)

    form = _text(client.get(reverse("contracts:contract_new",
                                    kwargs={"slug": reference_call.slug, "offer_pk": changed.pk})))
    assert NOTICE in form
    assert ("Umowa wskaże rachunek podany obecnie w danych organizacji: PL04 3186 0913 9099 6030 8246 2819. "
            "Przed podpisaniem umowy należy porównać go z rachunkiem w podpisanej ofercie") in form
    untouched = _text(client.get(reverse("contracts:contract_new",
                                         kwargs={"slug": reference_call.slug, "offer_pk": other.pk})))
    assert NOTICE not in untouched
