"""Reads for the costs table of an offer's pages (section V.B), measured by the call's rules."""
from django.utils.translation import gettext as _

from offers import rules
from offers.models import Offer
from offers.selectors import offer_totals


def cost_table(offer: Offer) -> dict:
    """Per chosen action and for the whole task: the sums of section V.B and the two shares."""
    per_action, whole = offer_totals(offer)
    call = offer.call

    limits = rules.CallLimits(min_actions=0, max_grant_share=call.max_grant_share, max_admin_share=call.max_admin_share,
                              action_budgets={}, realisation_start=call.realisation_start,
                              realisation_end=call.realisation_end, admin_cost_base=call.admin_cost_base)

    def column(key, label, title, t, budget=None):
        admin_base = limits.admin_base(t.total, t.admin)  # the call's rule: the total, or the actions' value
        return {"key": key, "label": label, "title": title, "t": t, "budget": budget,
                "grant_share": rules.share(t.grant, t.total), "admin_share": rules.share(t.admin, admin_base),
                "grant_over": t.grant > t.total * call.max_grant_share and t.grant > 0,
                "admin_over": t.admin > admin_base * call.max_admin_share and t.admin > 0,
                "budget_over": budget is not None and t.grant > budget}

    columns = [column(oa.action.code, oa.action.code, str(oa.action), per_action[oa.action.code], oa.action.budget)
               for oa in offer.offer_actions.all()]
    columns.append(column("all", _("Total"), _("The whole task"), whole))
    return {"columns": columns, "max_grant_share": call.max_grant_share, "max_admin_share": call.max_admin_share,
            "admin_cost_base": call.admin_cost_base}
