"""Form helpers shared by every app."""
from django import forms
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.translation import gettext as _


def _form_summary(form, row: str = "") -> list[dict]:
    items = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields or form.fields[name].widget.is_hidden:
            # a hidden field has no label to name nor an input to go to: its message says it all
            href, label = (f"#{form.prefix}-row" if form.prefix else ""), ""
        else:
            href, label = f"#{form[name].id_for_label or form[name].auto_id}", str(form.fields[name].label)
        place = ", ".join(part for part in (row, label) if part)
        for message in errors:
            text = _("%(place)s: %(message)s") % {"place": place, "message": message} if place else message
            items.append({"href": href, "text": text})
    return items


def error_summary(*forms_, extra: list[str] = ()) -> list[dict]:
    """Every error of the page as {"href": "#field-id", "text": "..."}, in page order, for the
    summary at the top of a form (WCAG 3.3.1: each error named and linked to its field)."""
    items = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        if isinstance(form, forms.BaseFormSet):
            items += [{"href": f"#{form.prefix}-rows", "text": message} for message in form.non_form_errors()]
            for n, row in enumerate(form.forms, start=1):
                if form.can_delete and hasattr(row, "cleaned_data") and form._should_delete_form(row):
                    continue  # a row ticked for deletion is not saved, whatever it holds
                label = getattr(form, "row_label", _("Row"))
                items += _form_summary(row, f"{label} {n}")
        else:
            items += _form_summary(form)
    items += [{"href": "", "text": message} for message in extra]
    return items


def place_service_errors(exc, forms_on_page, *, name=lambda key: key) -> list[str]:
    """Put each message of a service's ValidationError beside the field it names: on the first
    of `forms_on_page` that has the field `name(key)` (a service names "reason" or a criterion's
    id; the page's field may be "reason_12"). Returns the messages no form has a field for, in
    their order, for the page to show above the forms."""
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    rest = []
    for key, messages in exc.message_dict.items():
        field = name(key)
        form = next((f for f in forms_on_page if isinstance(f, forms.Form) and field in f.fields), None)
        if form is None:
            rest.extend(messages)
        else:
            form.add_error(field, messages)
    return rest


def add_service_errors(exc, form: forms.Form, *, name=lambda key: key) -> None:
    """A service's ValidationError on the form, so the page shows it beside what was typed: keyed
    messages on their fields, the rest on the form."""
    rest = place_service_errors(exc, [form], name=name)
    if rest:
        form.add_error(None, rest)
