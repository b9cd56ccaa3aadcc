"""Step scales and the points of a merit criterion, as pure functions (no ORM).

They are shared by the call-document parser (`competition.document`), which checks a
scale, and by the rules and forms that count a call's points; `competition.rules`
re-exports them.
"""
from django.utils.translation import gettext as _


def scale_points(steps: list[tuple[int, int]], count: int) -> int:
    """Points a step scale gives for `count`: the last step whose threshold is reached.

    `steps` are (min_count, points) pairs in increasing order of min_count; a count below
    the first threshold gives 0 (criteria f, g, h of the reference call).
    """
    points = 0
    for min_count, step_points in steps:
        if count >= min_count:
            points = step_points
        else:
            break
    return points


def scale_errors(steps: list[tuple[int, int]]) -> list[str]:
    """A scale needs at least one step, thresholds strictly rising and points never falling."""
    if not steps:
        return [_("a scale needs at least one step")]
    errors = []
    for (prev_count, prev_points), (count, points) in zip(steps, steps[1:]):
        if count <= prev_count:
            errors.append(
                _("the scale is not monotonic: threshold %(count)s is not greater than the previous one, %(prev)s")
                % {"count": count, "prev": prev_count}
            )
        if points < prev_points:
            errors.append(
                _("the scale is not monotonic: %(points)s points for threshold %(count)s is less than %(prev)s points for a lower threshold")
                % {"points": points, "count": count, "prev": prev_points}
            )
    return errors


def criterion_max_points(criterion: dict) -> int:
    if criterion.get("kind") == "scale":
        steps = criterion.get("steps") or []  # None: a scale whose steps failed to parse
        return max((s["points"] for s in steps), default=0)
    return sum(s["max"] for s in criterion.get("subcriteria") or [])
