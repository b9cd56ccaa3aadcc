"""Reads of the early end of contracts."""
from collections.abc import Iterable

from contracts.models import Contract
from contracts.termination.models import Termination


def termination_of(contract: Contract) -> Termination | None:
    return Termination.objects.filter(contract=contract).first()


def contract_states(offer_pks: Iterable[int]) -> dict[int, str]:
    """Offer pk → "signed" or "terminated", for the offers with a contract (registered with
    `awards.registry` in `ContractsConfig.ready()`)."""
    rows = Contract.objects.filter(offer_id__in=list(offer_pks)).values_list("offer_id", "termination__pk")
    return {offer_pk: "terminated" if ended else "signed" for offer_pk, ended in rows}

