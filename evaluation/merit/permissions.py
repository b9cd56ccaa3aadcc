"""Who may follow the merit evaluation of a call, see its points and results, act as its chair,
and read the commission's documents (Stage II): score sheets, the summary table and the
protocol. Everybody else gets 404 on the documents, so nobody learns that a sheet exists."""
from authorities.permissions import is_clerk_of, is_decider_of
from competition.models import Call, CommissionMember
from evaluation.merit import selectors

LEADS = (CommissionMember.Role.CHAIR, CommissionMember.Role.SECRETARY)


def seat_of(user, call: Call) -> CommissionMember | None:
    if not user.is_authenticated:
        return None
    return CommissionMember.objects.filter(call=call, user=user).first()


def may_follow(user, call: Call) -> bool:
    """Progress and history: the chair, the secretary, clerks and administrators."""
    seat = seat_of(user, call)
    leads = seat is not None and seat.role in (CommissionMember.Role.CHAIR, CommissionMember.Role.SECRETARY)
    return leads or is_clerk_of(user, call)


def may_see_results(user, call: Call) -> bool:
    """The fixed outcomes: every commission member of the call, the clerks and the deciding
    authority of the call's authority, administrators."""
    return seat_of(user, call) is not None or is_clerk_of(user, call) or is_decider_of(user, call)


def sees_points(user, call: Call) -> bool:
    """Points during scoring for the chair only; for everybody who may follow once the stage is closed."""
    return call.state != Call.State.MERIT_EVALUATION or selectors.is_chair(user, call)


def may_act_as_chair(user, call: Call) -> bool:
    """Lifting conflicts, reopening sheets and closing the stage: the call's chair only."""
    return selectors.is_chair(user, call)


def may_read_any_sheet(user, call: Call) -> bool:
    """Every submitted sheet: the chair at any time; the secretary, clerks (and administrators)
    once the stage is closed. Nobody else reads points early (as on the progress page)."""
    seat = seat_of(user, call)
    if seat is not None and seat.role == CommissionMember.Role.CHAIR:
        return True
    if call.state not in Call.MERIT_CLOSED_STAGES:
        return False
    return (seat is not None and seat.role in LEADS) or is_clerk_of(user, call)


def may_read_summary(user, call: Call) -> bool:
    """The chair at any time; once the stage is closed also the secretary, the clerks and the
    deciding authority of the call's authority, administrators and every member of the commission."""
    if may_read_any_sheet(user, call):
        return True
    if call.state in Call.MERIT_CLOSED_STAGES:
        return is_decider_of(user, call) or seat_of(user, call) is not None
    return False


def may_read_protocol(user, call: Call) -> bool:
    """Clerks (administrators count as clerks), the chair and the secretary, after closing."""
    if call.state not in Call.MERIT_CLOSED_STAGES or not user.is_authenticated:
        return False
    if is_clerk_of(user, call):
        return True
    return CommissionMember.objects.filter(call=call, user=user, role__in=LEADS).exists()
