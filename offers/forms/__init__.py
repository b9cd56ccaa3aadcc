"""Forms of the offer writer: one page per section of the official offer form.

They turn what a volunteer treasurer typed (amounts the Polish way, dates, rows of a
table) into the values the services take, and check nothing but the format: a draft may
break every rule of the call and is still saved. What blocks submission is listed by
`selectors.offer_problems`, where each rule lives once.

`OfferStep` gathers the forms of one page: the step form, which carries the revision the
page was based on, and the formsets of the section. The view hands its values to one
service.

The package: `attachments` (a document attached to an offer or a final report), `fields` (numbers typed the Polish way), `steps` (the step form of each
page), `rows` (tables edited as rows) and `page` (`OfferStep`). Everything is imported
from here.
"""
from core.forms import error_summary  # the views use forms.error_summary
from offers.forms.attachments import AttachmentForm
from offers.forms.fields import ZERO, MoneyField, NumberField, plain_number
from offers.forms.page import OfferStep
from offers.forms.rows import (
    COST_MONEY,
    BaseCostFormSet,
    BaseOwnResultFormSet,
    BasePartnerFormSet,
    BaseScheduleFormSet,
    CostFormSet,
    CostItemForm,
    OwnResultForm,
    OwnResultFormSet,
    PartnerForm,
    PartnerFormSet,
    RowForm,
    RowsFormSet,
    ScheduleFormSet,
    ScheduleRowForm,
)
from offers.forms.registry import FIELDS_FORMS, STEP_FORMS
from offers.forms.statements import StatementsForm
from offers.forms.steps import (
    SECTION_LABELS,
    ActionsForm,
    BasicsForm,
    DescriptionForm,
    FieldsForm,
    IndicatorsForm,
    OfferCreateForm,
    OtherForm,
    ResourcesForm,
    StepForm,
    ZonesForm,
    section_label,
)

__all__ = [
    "AttachmentForm",
    "error_summary",
    # fields
    "ZERO",
    "MoneyField",
    "NumberField",
    "plain_number",
    # steps
    "SECTION_LABELS",
    "section_label",
    "OfferCreateForm",
    "StepForm",
    "FieldsForm",
    "BasicsForm",
    "DescriptionForm",
    "ResourcesForm",
    "OtherForm",
    "StatementsForm",
    "ActionsForm",
    "IndicatorsForm",
    "ZonesForm",
    "FIELDS_FORMS",
    "STEP_FORMS",
    # rows
    "RowsFormSet",
    "RowForm",
    "PartnerForm",
    "BasePartnerFormSet",
    "PartnerFormSet",
    "ScheduleRowForm",
    "BaseScheduleFormSet",
    "ScheduleFormSet",
    "OwnResultForm",
    "BaseOwnResultFormSet",
    "OwnResultFormSet",
    "COST_MONEY",
    "CostItemForm",
    "BaseCostFormSet",
    "CostFormSet",
    # page
    "OfferStep",
]
