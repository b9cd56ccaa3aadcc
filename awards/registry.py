"""What a later stage tells awards at start-up: which offers already have a contract.

Awards sit below contracts and may not import them, yet a grant can be given up only before its
contract is signed, and the re-allocation of freed money passes over offers whose contract is
signed or terminated. `contracts` registers one function in its `AppConfig.ready()`
(docs/architecture.md, "Registries"): offer pks → {offer pk: "signed" | "terminated"}.
"""
from collections.abc import Callable, Iterable

SIGNED, TERMINATED = "signed", "terminated"

_contract_states: list[Callable[[Iterable[int]], dict[int, str]]] = []


def register_contract_states(source: Callable[[Iterable[int]], dict[int, str]]) -> None:
    if source not in _contract_states:
        _contract_states.append(source)


def contract_states(offer_pks: Iterable[int]) -> dict[int, str]:
    """Offer pk → the state of its contract, for the offers that have one."""
    pks = list(offer_pks)
    states: dict[int, str] = {}
    for source in _contract_states:
        states.update(source(pks))
    return states
