"""The call's basic data: the announcement's own fields, and the forms that amend and
publish a call."""
import copy

from django import forms
from django.utils.translation import gettext_lazy

from authorities.models import Authority
from authorities.selectors import authority_document
from competition import rules
from competition.choices import LegalForm
from competition.forms.errors import path_segments, rule_errors, section_of
from competition.forms.fields import (
    MultilineField,
    PercentField,
    _date_widget,
    _helper,
    _iso,
    _moment_widget,
    _row,
    as_percent,
    keep_stored_seconds,
)
from core import limits

# The structure of a call that is not yet created (the basics form checks its dates alone).
EMPTY_STRUCTURE = {"actions": [], "zones": [], "lpr_projects": [], "formal_criteria": [], "merit_criteria": [], "max_points": 0}


class CallBasicsForm(forms.Form):
    """The announcement's own fields (services.BASIC_FIELDS); its dates are checked by the call's rules."""

    title = forms.CharField(label=gettext_lazy("Title of the announcement"), max_length=400)
    authority = forms.ModelChoiceField(
        label=gettext_lazy("Announcing authority"), queryset=Authority.objects.all(),
        help_text=gettext_lazy("Every document of the call speaks in its name. An administrator adds authorities."),
        error_messages={"required": gettext_lazy("Choose the authority that announces the call."),
                        "invalid_choice": gettext_lazy("Choose one of the authorities on the list.")},
    )
    order_number = forms.CharField(label=gettext_lazy("Number of the order announcing the call"), max_length=80)
    announcement_date = forms.DateField(label=gettext_lazy("Date of the announcement"), widget=_date_widget())
    public_task_type = MultilineField(
        max_length=limits.TEXT,
        label=gettext_lazy("Type of public task"),
        help_text=gettext_lazy("The sphere of public tasks (art. 4 of the Act) and the goal of the task."),
    )
    legal_basis = MultilineField(max_length=limits.TEXT, label=gettext_lazy("Legal basis"))
    submission_start = forms.DateTimeField(
        label=gettext_lazy("Start of submission"),
        required=False,
        widget=_moment_widget(),
        help_text=gettext_lazy("Leave empty when offers may be submitted from publication."),
    )
    submission_deadline = forms.DateTimeField(label=gettext_lazy("Deadline for submitting offers"), widget=_moment_widget())
    confirmation_deadline = forms.DateTimeField(
        label=gettext_lazy("Deadline for delivering the signed confirmation"),
        widget=_moment_widget(),
        help_text=gettext_lazy("The date of receipt at the office decides."),
    )
    confirmation_address = MultilineField(max_length=limits.NOTE, label=gettext_lazy("Where the confirmation is delivered"), rows=2)
    decision_date = forms.DateField(label=gettext_lazy("Decision by"), widget=_date_widget())
    realisation_start = forms.DateField(label=gettext_lazy("Start of realisation"), widget=_date_widget())
    realisation_end = forms.DateField(label=gettext_lazy("End of realisation"), widget=_date_widget())
    eligible_entity_types = forms.MultipleChoiceField(
        label=gettext_lazy("Entities eligible to submit offers"),
        choices=LegalForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    min_actions = forms.IntegerField(label=gettext_lazy("Minimum number of actions in an offer"), min_value=1, initial=1)
    max_grant_share = PercentField(
        label=gettext_lazy("Maximum grant share of the task's total cost, in per cent"),
        allow_zero=False,
        initial="90",
        help_text=gettext_lazy("Type 90 for 90%: the grant may cover at most this part of the total cost."),
    )
    max_admin_share = PercentField(
        label=gettext_lazy("Maximum share of administrative costs, in per cent"),
        allow_zero=True,
        initial="15",
        help_text=gettext_lazy("Type 15 for 15%, of the whole and of each action; what it is a share of (the total "
                               "cost or the value of the actions) is one of the call's rules."),
    )
    report_days = forms.IntegerField(
        label=gettext_lazy("Days for the final report after the end of the task"), min_value=1, initial=30
    )
    cost_shift_limit = PercentField(
        label=gettext_lazy("Change of a cost item allowed without consent, in per cent"),
        allow_zero=True,
        initial="20",
        help_text=gettext_lazy("Type 20 for 20%: after the contract, a larger change of a cost item, or a new "
                               "item, needs the authority's consent and an annex."),
    )
    result_change_limit = PercentField(
        label=gettext_lazy("Change of a result allowed without consent, in per cent"),
        allow_zero=True,
        initial="10",
        help_text=gettext_lazy("Type 10 for 10%: a larger change of a declared result needs consent and an annex; "
                               "a larger shortfall in the final report needs a justification."),
    )
    goals = MultilineField(max_length=limits.CALL_SECTION, label=gettext_lazy("Type and goal of the task"), required=False, rows=4)
    grant_rules = MultilineField(max_length=limits.CALL_SECTION, label=gettext_lazy("Rules for awarding grants"), required=False, rows=4)
    realisation_conditions = MultilineField(
        max_length=limits.CALL_SECTION, label=gettext_lazy("Dates and conditions of realisation"), required=False, rows=4
    )
    excluded_costs = MultilineField(max_length=limits.CALL_SECTION, label=gettext_lazy("What the grant may not be spent on"), required=False, rows=4)
    grantee_duties = MultilineField(max_length=limits.CALL_SECTION, label=gettext_lazy("Duties of grantees"), required=False, rows=4)
    submission_rules = MultilineField(
        max_length=limits.CALL_SECTION, label=gettext_lazy("Deadline and rules for submitting offers"), required=False, rows=4
    )
    selection_procedure = MultilineField(
        max_length=limits.CALL_SECTION, label=gettext_lazy("Procedure and criteria for selecting offers"), required=False, rows=4
    )
    previous_grants = MultilineField(
        max_length=limits.CALL_SECTION,
        label=gettext_lazy("Tasks of the same type funded this year and last year"),
        required=False,
        rows=4,
        help_text=gettext_lazy("Required by art. 13(2)(7) of the Act: the tasks and their grants."),
    )
    publication_places = MultilineField(
        max_length=limits.NOTE,
        label=gettext_lazy("Where the results are published"),
        required=False,
        rows=2,
        help_text=gettext_lazy("The Public Information Bulletin (BIP), the website, the notice board."),
    )
    contact_info = MultilineField(max_length=limits.TEXT, label=gettext_lazy("Further information and contact"), required=False)

    def __init__(self, *args, document: dict | None = None, authorities=None, **kwargs):
        """`authorities`: those the clerk may choose (where they are a clerk); all when not given."""
        self.document = document
        super().__init__(*args, **kwargs)
        if authorities is not None:
            self.fields["authority"].queryset = authorities
        self.helper = _helper(
            "title",
            "authority",
            _row(("announcement_date", 4), ("decision_date", 4), ("order_number", 4)),
            "public_task_type",
            "legal_basis",
            _row(("submission_start", 4), ("submission_deadline", 4), ("confirmation_deadline", 4)),
            "confirmation_address",
            _row(("realisation_start", 6), ("realisation_end", 6)),
            "eligible_entity_types",
            _row(("min_actions", 3), ("max_grant_share", 3), ("max_admin_share", 3), ("report_days", 3)),
            _row(("cost_shift_limit", 6), ("result_change_limit", 6)),
            *rules.TEXT_FIELDS,
        )

    def clean_submission_start(self):
        return keep_stored_seconds(self, "submission_start")

    def clean_submission_deadline(self):
        return keep_stored_seconds(self, "submission_deadline")

    def clean_confirmation_deadline(self):
        return keep_stored_seconds(self, "confirmation_deadline")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        document = {**copy.deepcopy(self.document or EMPTY_STRUCTURE), **self.document_values(cleaned)}
        for error in rule_errors(document):
            if section_of(error.path)[0] != "basics":
                continue
            segs = path_segments(error.path)
            field = segs[1].name if segs[0].name == "texts" and len(segs) > 1 else segs[0].name
            self.add_error(field if field in self.fields else None, error.message)
        return cleaned

    @staticmethod
    def document_values(data: dict) -> dict:
        """The basic fields in the call-document format, for the rules."""
        values = {key: data[key] for key in rules.REQUIRED_STRINGS}
        values["authority"] = authority_document(data["authority"])
        values.update(
            announcement_date=_iso(data["announcement_date"]),
            submission_start=_iso(data["submission_start"]),
            submission_deadline=_iso(data["submission_deadline"]),
            confirmation_deadline=_iso(data["confirmation_deadline"]),
            decision_date=_iso(data["decision_date"]),
            realisation_start=_iso(data["realisation_start"]),
            realisation_end=_iso(data["realisation_end"]),
            eligible_entity_types=list(data["eligible_entity_types"]),
            min_actions=data["min_actions"],
            max_grant_share=str(data["max_grant_share"]),
            max_admin_share=str(data["max_admin_share"]),
            report_days=data["report_days"],
            cost_shift_limit=str(data["cost_shift_limit"]),
            result_change_limit=str(data["result_change_limit"]),
            texts={key: data[key] for key in rules.TEXT_FIELDS},
        )
        return values


def basics_initial(call) -> dict:
    initial = {name: getattr(call, name) for name in CallBasicsForm.base_fields}
    initial["authority"] = call.authority_id
    initial["max_grant_share"] = as_percent(call.max_grant_share)
    initial["max_admin_share"] = as_percent(call.max_admin_share)
    initial["cost_shift_limit"] = as_percent(call.cost_shift_limit)
    initial["result_change_limit"] = as_percent(call.result_change_limit)
    return initial


class ReasonForm(forms.Form):
    """The reason for amending a published call; it is published with the change."""

    reason = MultilineField(
        label=gettext_lazy("Reason for the change"),
        help_text=gettext_lazy("It is published together with the change and every changed value."),
        error_messages={
            "required": gettext_lazy("Give the reason for the change: a published call is amended only with a reason.")
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "amendment")
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ConfirmPublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I have checked the call; publish it now"),
        error_messages={"required": gettext_lazy("Tick the box to confirm the publication.")},
    )
