"""Who may read the commission's documents (Stage II): score sheets, the summary table and the
protocol. Everybody else gets 404, so nobody learns that a sheet exists."""
from accounts.permissions import is_administrator, is_clerk, is_mayor
from competition.models import Call, CommissionMember

LEADS = (CommissionMember.Role.CHAIR, CommissionMember.Role.SECRETARY)


def _seat(user, call: Call) -> CommissionMember | None:
    if not user.is_authenticated:
        return None
    return CommissionMember.objects.filter(call=call, user=user).first()


def may_read_any_sheet(user, call: Call) -> bool:
    """Every submitted sheet: the chair at any time; the secretary, clerks (and administrators)
    once the stage is closed. Nobody else reads points early (as on the progress page)."""
    seat = _seat(user, call)
    if seat is not None and seat.role == CommissionMember.Role.CHAIR:
        return True
    if call.state not in Call.MERIT_CLOSED_STAGES:
        return False
    return (seat is not None and seat.role in LEADS) or is_clerk(user)


def may_read_summary(user, call: Call) -> bool:
    """The chair at any time; once the stage is closed also the secretary, clerks,
    administrators, the mayor and every member of the commission."""
    if may_read_any_sheet(user, call):
        return True
    if call.state in Call.MERIT_CLOSED_STAGES:
        return is_administrator(user) or is_mayor(user) or _seat(user, call) is not None
    return False


def may_read_protocol(user, call: Call) -> bool:
    """Clerks (administrators count as clerks), the chair and the secretary, after closing."""
    if call.state not in Call.MERIT_CLOSED_STAGES or not user.is_authenticated:
        return False
    if is_clerk(user):
        return True
    return CommissionMember.objects.filter(call=call, user=user, role__in=LEADS).exists()
