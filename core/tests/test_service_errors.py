"""A service's ValidationError goes beside the field it names, on whichever form of the page has it."""
from django import forms
from django.core.exceptions import ValidationError

from core.forms import add_service_errors, place_service_errors


class Amounts(forms.Form):
    amount = forms.CharField(required=False)


class Reason(forms.Form):
    reason = forms.CharField(required=False)


def _bound(form_class):
    form = form_class(data={})
    form.is_valid()
    return form


def test_keyed_messages_go_to_the_form_with_the_field_and_the_rest_is_returned_in_order():
    amounts, reason = _bound(Amounts), _bound(Reason)
    exc = ValidationError({"amount": ["too much"], "deadline": ["passed"], "reason": ["say why"], "x": ["other"]})
    rest = place_service_errors(exc, [reason, None, amounts])
    assert amounts.errors == {"amount": ["too much"]}
    assert reason.errors == {"reason": ["say why"]}
    assert rest == ["passed", "other"]


def test_a_message_without_a_field_is_returned_whole():
    assert place_service_errors(ValidationError("The call is closed."), [_bound(Amounts)]) == ["The call is closed."]


def test_on_one_form_what_has_no_field_goes_on_top_and_keys_may_be_renamed():
    form = _bound(Amounts)
    add_service_errors(ValidationError({"7": ["give a reason"], "other": ["no"]}), form,
                       name=lambda key: "amount" if key == "7" else key)
    assert form.errors == {"amount": ["give a reason"], "__all__": ["no"]}
