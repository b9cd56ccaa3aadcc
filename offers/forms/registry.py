"""The step form of each section: the plain ones (offers.forms.steps) and the statements step."""
from offers.forms import steps
from offers.forms.statements import StatementsForm

FIELDS_FORMS = {**steps.FIELDS_FORMS, StatementsForm.section: StatementsForm}
STEP_FORMS = {**steps.STEP_FORMS, StatementsForm.section: StatementsForm}
