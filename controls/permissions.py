"""Who may act in a control. Every function takes the object it is about (the contract, the
control), so that roles per authority can replace the global flags without touching callers.

The clerks plan and record controls, demand returns and record their payment; the authority (and
an administrator) reads everything the office reads; the grantee's members answer the
recommendations. Everybody else sees nothing (404): reading is `contracts.selectors.contract_for`.
"""
from accounts.permissions import is_clerk
from contracts.permissions import is_grantee
from contracts.selectors import is_office


def can_plan_control(user, contract) -> bool:
    return is_clerk(user)


def can_record_control(user, control) -> bool:
    return is_clerk(user)


def can_answer_control(user, control) -> bool:
    return is_grantee(user, control.contract)


def can_demand_return(user, contract) -> bool:
    return is_clerk(user)


def can_list_controls(user, call) -> bool:
    return is_office(user)
