"""The call's rules as the announcement states them, in plain words.

Every rule of the call document's `rules` object is stated here once, so that the public page,
the announcement PDF and the clerk's overview say the same; `keys` names the document's rules a
statement covers (a test checks that every rule is covered). The wording is translated; the PDF
is rendered in the portal's language.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from competition.choices import AdminCostBase, Statement, TaskForm, TieBreak
from competition.models import Call
from competition.selectors import call_total_budget
from core.money import format_percent


@dataclass(frozen=True)
class AnnouncedRule:
    keys: tuple[str, ...]
    text: str
    items: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"rule-{self.keys[0].replace('_', '-')}"


def _points(value: Decimal) -> str:
    """25.00 -> "25", 25.50 -> "25,5" (points as the announcement writes them)."""
    return format(Decimal(value).normalize(), "f").replace(".", ",")


def tie_break_rule(call: Call) -> AnnouncedRule:
    keys = ("tie_break", "tie_break_criterion")
    if call.tie_break == TieBreak.SUBMISSION:
        return AnnouncedRule(keys, _("If offers have the same number of points, the earlier submission of the offer "
                                     "decides their order."))
    if call.tie_break == TieBreak.CRITERION:
        titles = {c.code: c.title for c in call.merit_criteria.all()}
        code = call.tie_break_criterion
        return AnnouncedRule(keys, _("If offers have the same number of points, the higher mean score in criterion "
                                     "%(code)s) “%(title)s” decides their order.")
                             % {"code": code, "title": titles.get(code, "")})
    return AnnouncedRule(keys, _("If offers have the same number of points, the announcing authority decides their "
                                 "order; the call sets no other tie-break rule."))


def min_score_rule(call: Call) -> AnnouncedRule:
    if call.min_recommended_score is None:
        return AnnouncedRule(("min_recommended_score",), _(
            "The call sets no minimum score: every offer admitted to the merit evaluation can be recommended "
            "for a grant, in the order of the ranking."))
    return AnnouncedRule(("min_recommended_score",), _(
        "An offer recommended for a grant must score at least %(score)s points.")
        % {"score": _points(call.min_recommended_score)})


def negotiation_rule(call: Call) -> AnnouncedRule:
    n = call.negotiation_days
    return AnnouncedRule(("negotiation_days",), ngettext(
        "An offeror offered a lower grant than requested has %(n)s day to answer; no answer means resignation. "
        "The offeror accepts by submitting the offer updated to the granted amount.",
        "An offeror offered a lower grant than requested has %(n)s days to answer; no answer means resignation. "
        "The offeror accepts by submitting the offer updated to the granted amount.", n) % {"n": n})


def correction_rule(call: Call) -> AnnouncedRule:
    n = call.correction_days
    if not n:
        return AnnouncedRule(("correction_days",), _("Offers with formal defects are not returned for correction."))
    return AnnouncedRule(("correction_days",), ngettext(
        "An offer with formal defects may be returned for correction: only the sections of the offer named by the "
        "office re-open, and the offeror has %(n)s day to correct them and submit the offer again.",
        "An offer with formal defects may be returned for correction: only the sections of the offer named by the "
        "office re-open, and the offeror has %(n)s days to correct them and submit the offer again.", n) % {"n": n})


def four_eyes_rule(call: Call) -> AnnouncedRule:
    if call.four_eyes:
        return AnnouncedRule(("four_eyes",), _("Every formal evaluation sheet is confirmed by a second employee of "
                                               "the office (the four-eyes rule)."))
    return AnnouncedRule(("four_eyes",), _("Each formal evaluation sheet is completed and confirmed by one employee "
                                           "of the office."))


def min_sheets_rule(call: Call) -> AnnouncedRule:
    if call.min_sheets is None:
        return AnnouncedRule(("min_sheets",), _(
            "The merit evaluation of an offer needs the score sheets of a majority of the scoring commission "
            "members not excluded from evaluating it."))
    n = call.min_sheets
    return AnnouncedRule(("min_sheets",), ngettext(
        "The merit evaluation of an offer needs at least %(n)s score sheet of the commission's members (or of all "
        "the members who may score it, if there are fewer).",
        "The merit evaluation of an offer needs at least %(n)s score sheets of the commission's members (or of all "
        "the members who may score it, if there are fewer).", n) % {"n": n})


def other_sheets_rule(call: Call) -> AnnouncedRule:
    if call.show_other_sheets:
        return AnnouncedRule(("show_other_sheets",), _(
            "Commission members see the other members' score sheets of an offer only after submitting their own."))
    return AnnouncedRule(("show_other_sheets",), _("Commission members do not see each other's score sheets."))


def grounds_rule(call: Call) -> AnnouncedRule:
    return AnnouncedRule(("impartiality_grounds",), _(
        "A commission member is excluded from evaluating an offer when any of the following applies to them "
        "(each member makes a statement for every offer):"), list(call.impartiality_grounds or []))


def statements_rule(call: Call) -> AnnouncedRule:
    labels = dict(Statement.choices)
    items = [str(labels[code]) for code in call.required_statements or [] if code in labels]
    if not items:
        return AnnouncedRule(("required_statements",), _("The call requires no statements in the offer."))
    return AnnouncedRule(("required_statements",), _("The offer must contain the offeror's statements that:"), items)


def admin_cost_rule(call: Call) -> AnnouncedRule:
    share = format_percent(call.max_admin_share)
    if call.admin_cost_base == AdminCostBase.ACTIONS:
        text = _("Administrative costs may be up to %(share)s of the value of the actions carried out (their costs, "
                 "administrative costs excluded), and up to %(share)s of the value of each action.")
    else:
        text = _("Administrative costs may be up to %(share)s of the total cost of the task (administrative costs "
                 "included), and up to %(share)s of the total cost of each action.")
    return AnnouncedRule(("admin_cost_base",), text % {"share": share})


def task_form_rule(call: Call) -> AnnouncedRule:
    if call.task_form == TaskForm.ENTRUSTMENT:
        text = _("The grants are awarded to entrust the carrying out of public tasks: the grant finances the task, and "
                 "the contract is a contract of entrustment (art. 16 ust. 1 of the Act).")
    else:
        text = _("The grants are awarded to support the carrying out of public tasks: the grant co-finances the task, "
                 "and the contract is a contract of support (art. 16 ust. 1 of the Act).")
    return AnnouncedRule(("task_form",), text)


def announced_rules(call: Call) -> list[AnnouncedRule]:
    """Every rule of the call, in the order of the procedure (the admin-cost rule and the form of
    the contract first: the two are stated with the money, the others with the evaluation and the award)."""
    return [
        admin_cost_rule(call),
        task_form_rule(call),
        statements_rule(call),
        correction_rule(call),
        four_eyes_rule(call),
        grounds_rule(call),
        other_sheets_rule(call),
        min_sheets_rule(call),
        min_score_rule(call),
        tie_break_rule(call),
        negotiation_rule(call),
    ]


ANNOUNCEMENT_TEMPLATE = "competition/pdf/announcement.html"


def announcement_context(call: Call) -> dict:
    """What the announcement PDF is made from; its rules are worded in the portal's language,
    as the whole PDF is."""
    with translation.override(settings.LANGUAGE_CODE):
        announced = announced_rules(call)
    return {"call": call, "total_budget": call_total_budget(call), "announced": announced}
