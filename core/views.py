from django.conf import settings
from django.shortcuts import render

from core import accessibility, operator


def accessibility_statement(request, authority=None):
    """The accessibility statement (deklaracja dostępności), public like the privacy notice; its
    values are the city's (`settings.ACCESSIBILITY`, with the request's authority, or else the portal's, over them:
    `core.operator`; `authority` is the slug of `/<authority>/deklaracja-dostepnosci/`). What the city typed is in the portal's
    language, which `data_lang` marks for screen readers when the interface is in another one."""
    context = {"a11y": accessibility.statement(operator.accessibility(request)), "data_lang": settings.LANGUAGE_CODE}
    return render(request, "core/accessibility_statement.html", context)
