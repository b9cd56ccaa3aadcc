"""The cost plan written in place: part of `services.offer_set_cost_plan`, inside its lock.

The costs page posts every line of every chosen action on each autosave. Deleting the lines and
creating them again wrote, for every line, a "deleted" and a "created" record in the audit trail
and a statement per deleted line. Here the n-th line posted for an action updates the n-th line
stored for it, and only when a value differs: the trail records what really changed ("~" with
the fields, "+" for a line added, "-" for a line removed), and a page saved unchanged writes no
cost line at all. The statements are a fixed number (one read, one update of the changed lines,
one insert of the new ones, each with its history rows), plus two per line removed.
"""
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from offers.models import CostItem, OfferAction

FIELDS = ("position", "kind", "name", "unit", "quantity", "unit_cost", "grant", "own_financial", "own_personal",
          "personal_hours", "personal_rate", "own_in_kind", "in_kind_valuation", "recipient_fees", "offeror")


def _value(item: CostItem | dict, name: str):
    if isinstance(item, dict):
        value = item.get(name)
        return getattr(value, "pk", value) if name == "offeror" else value
    return item.offeror_id if name == "offeror" else getattr(item, name)


def _differs(stored: CostItem, posted: dict) -> bool:
    return any(_value(stored, name) != _value(posted, name) for name in FIELDS)


def cost_items_replace(plan: list[tuple[OfferAction, list[dict]]], *, by) -> None:
    """Make the stored lines of each action in `plan` equal to its posted `items`, in order."""
    stored: dict[int, list[CostItem]] = {offer_action.pk: [] for offer_action, _items in plan}
    for item in CostItem.objects.filter(offer_action__in=list(stored)).order_by("offer_action_id", "position", "pk"):
        stored[item.offer_action_id].append(item)
    changed, created, removed = [], [], []
    for offer_action, items in plan:
        rows = stored[offer_action.pk]
        for position, values in enumerate(items):
            posted = {"offeror": None, **values, "position": position}
            if position >= len(rows):
                created.append(CostItem(offer_action=offer_action, **posted))
            elif _differs(rows[position], posted):
                for name, value in posted.items():
                    setattr(rows[position], name, value)
                changed.append(rows[position])
        removed += [row.pk for row in rows[len(items):]]
    if removed:
        CostItem.objects.filter(pk__in=removed).delete()  # one "-" record per line, by the model's signal
    if changed:
        bulk_update_with_history(changed, CostItem, list(FIELDS), default_user=by)
    if created:
        bulk_create_with_history(created, CostItem, default_user=by)
