"""Length limits (core/limits.py, docs/limits.md): the validator, and every form field bound
with a limit, its hint and the maxlength attribute."""
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from core import limits


def _message(validator, value) -> str:
    with translation.override("pl"), pytest.raises(ValidationError) as exc:
        validator(value)
    return exc.value.messages[0]


def test_a_text_over_the_limit_is_refused_naming_the_limit_and_the_excess():
    message = _message(limits.TextLimit(10), "a" * 13)
    assert message == "Limit znaków w tym polu: 10. Wpisany tekst ma ich 13, czyli o 3 za dużo — skróć go."


def test_a_text_at_the_limit_is_accepted():
    limits.TextLimit(10)("a" * 10)


def test_a_line_break_counts_as_one_character_as_in_the_browser():
    limits.TextLimit(9)("abcd\r\nefgh")  # the browser counted 9 (maxlength=9) and posted CRLF
    assert "o 1 za dużo" in _message(limits.TextLimit(8), "abcd\r\nefgh")


class _Form(forms.Form):
    unbounded = forms.CharField(required=False, widget=forms.Textarea)
    title = forms.CharField(required=False, max_length=20)
    amount = forms.CharField(required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"}))


def test_a_form_field_without_a_limit_gets_the_default_one():
    with translation.override("pl"):
        assert _Form({"unbounded": "a" * limits.DEFAULT}).is_valid()
        form = _Form({"unbounded": "a" * (limits.DEFAULT + 1)})
        assert not form.is_valid()
    assert form.errors["unbounded"] == [
        f"Limit znaków w tym polu: {limits.DEFAULT}. Wpisany tekst ma ich {limits.DEFAULT + 1}, czyli o 1 za dużo "
        "— skróć go."]


def test_an_explicit_limit_is_checked_with_the_polish_message():
    with translation.override("pl"):
        form = _Form({"title": "a" * 25})
        assert not form.is_valid()
    assert form.errors["title"] == ["Limit znaków w tym polu: 20. Wpisany tekst ma ich 25, czyli o 5 za dużo — skróć go."]


def test_a_rendered_text_field_carries_maxlength_the_counter_and_the_hint():
    with translation.override("pl"):
        html = str(_Form()["unbounded"]) + str(_Form()["title"])
        hint = _Form()["title"].help_text
    assert f'maxlength="{limits.DEFAULT}"' in html and f'data-limit="{limits.DEFAULT}"' in html
    assert 'maxlength="20"' in html
    assert hint == "Maks. 20 znaków"


def test_a_number_field_gets_the_limit_but_no_text_hint():
    with translation.override("pl"):
        form = _Form()
        html = str(form["amount"])
    assert 'maxlength="2000"' in html and "data-limit" not in html and not form["amount"].help_text


def test_a_hand_written_textarea_gets_the_attributes_and_the_hint_from_the_tags():
    from django.template import Context, Template

    class Form(forms.Form):
        text = forms.CharField(required=False, widget=forms.Textarea)

    template = Template('{% load portal %}<textarea{% limit_attrs f %}></textarea>{% limit_hint f %}')
    with translation.override("pl"):
        html = template.render(Context({"f": Form()["text"]}))
    assert html == (f'<textarea maxlength="{limits.DEFAULT}" data-limit="{limits.DEFAULT}"></textarea>'
                    f'<div class="form-text">maks. {limits.DEFAULT} znaków</div>')
