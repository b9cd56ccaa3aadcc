"""Who may act in a control. Every function takes the object it is about (the contract, the
control), answered by the roles the user holds at that object's authority.

The clerks plan and record controls, demand returns and record their payment; the authority (and
an administrator) reads everything the office reads; the grantee's members answer the
recommendations. Everybody else sees nothing (404): reading is `contracts.selectors.contract_for`.
"""
from authorities.permissions import is_clerk_of, is_office_of
from contracts.permissions import is_grantee


def can_plan_control(user, contract) -> bool:
    return is_clerk_of(user, contract)


def can_record_control(user, control) -> bool:
    return is_clerk_of(user, control.contract)


def can_answer_control(user, control) -> bool:
    return is_grantee(user, control.contract)


def can_demand_return(user, contract) -> bool:
    return is_clerk_of(user, contract)


def can_list_controls(user, call) -> bool:
    return is_office_of(user, call)
