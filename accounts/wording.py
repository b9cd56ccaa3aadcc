"""Gendered or neutral wording for people: each official and commission member chooses the form
the portal uses for them (feminine, masculine, or neutral, the default) on "My profile".

Pure functions, no database: the Polish of each form comes from the catalogue through the
gettext contexts "feminine", "masculine" and "neutral" (`pgettext`), so the msgids stay English
and another language only adds its own forms.
"""
from django.utils.translation import pgettext

FEMININE, MASCULINE, NEUTRAL = "feminine", "masculine", "neutral"
FORMS = (FEMININE, MASCULINE, NEUTRAL)

# The functions in a call's commission (competition.models.CommissionMember.Role), in English; each
# form's Polish is in the catalogue under its context.
ROLE_TITLES = {
    "chair": "chair of the commission",
    "member": "member of the commission",
    "secretary": "secretary of the commission",
}
ROLE_WORDS = {
    "chair": "chair",
    "member": "member",
    "secretary": "secretary",
}


def form_of(value: str | None) -> str:
    """The form to use: the one chosen, or the neutral one (nothing chosen, or a value not known)."""
    return value if value in FORMS else NEUTRAL


def role_title(role: str, form: str | None) -> str:
    """'Przewodnicząca komisji', 'Przewodniczący komisji', 'Przewodnicząca/Przewodniczący komisji'…
    (an unknown role is returned as it is)."""
    if role not in ROLE_TITLES:
        return role
    return pgettext(form_of(form), ROLE_TITLES[role])


def role_word(role: str, form: str | None) -> str:
    """The function alone, lower case, as a table cell or a parenthesis prints it ('przewodnicząca')."""
    if role not in ROLE_WORDS:
        return role
    return pgettext(form_of(form), ROLE_WORDS[role])


def phrase(message: str, form: str | None) -> str:
    """Any sentence about a person in the person's form (`message` an English msgid that the
    catalogue has under each of the three contexts)."""
    return pgettext(form_of(form), message)
