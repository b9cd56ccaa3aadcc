"""Who may follow the merit evaluation of a call, see its points and results, and act as its chair."""
from accounts.permissions import is_clerk, is_mayor
from competition.models import Call, CommissionMember
from evaluation.merit import selectors


def seat_of(user, call: Call) -> CommissionMember | None:
    if not user.is_authenticated:
        return None
    return CommissionMember.objects.filter(call=call, user=user).first()


def may_follow(user, call: Call) -> bool:
    """Progress and history: the chair, the secretary, clerks and administrators."""
    seat = seat_of(user, call)
    leads = seat is not None and seat.role in (CommissionMember.Role.CHAIR, CommissionMember.Role.SECRETARY)
    return leads or is_clerk(user)


def may_see_results(user, call: Call) -> bool:
    """The fixed outcomes: every commission member of the call, clerks, the mayor, administrators."""
    return seat_of(user, call) is not None or is_clerk(user) or is_mayor(user)


def sees_points(user, call: Call) -> bool:
    """Points during scoring for the chair only; for everybody who may follow once the stage is closed."""
    return call.state != Call.State.MERIT_EVALUATION or selectors.is_chair(user, call)


def may_act_as_chair(user, call: Call) -> bool:
    """Lifting conflicts, reopening sheets and closing the stage: the call's chair only."""
    return selectors.is_chair(user, call)
