"""The clerk's publication record of a call: each public document with the places it was
published (the portal's own page counted automatically), a form to record another place, and
the screens to correct or remove an entry. Each step makes one service call and redirects; a
broken rule is shown beside the field, with everything typed still in the form (status 200)."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import clerk_required
from competition import selectors
from competition import selectors_publication as record
from competition.forms import error_summary
from competition.forms.publication import PublicationEntryForm, RemoveEntryForm
from competition.services import publication as services
from core.forms import add_service_errors


def _page_url(call, anchor: str = "") -> str:
    url = reverse("competition:manage_publication", kwargs={"slug": call.slug})
    return f"{url}#{anchor}" if anchor else url


def _page(request, call, form, *, status: int = 200):
    documents = record.publication_record(call)
    context = {"call": call, "page_title": _("Publication record"), "documents": documents, "form": form,
               "errors": error_summary(form)}
    return render(request, "competition/manage/publication.html", context, status=status)


@clerk_required
def manage_publication(request, slug):
    call = selectors.call_get_for_clerk(slug=slug, user=request.user)
    documents = record.public_documents(call)
    form = PublicationEntryForm(request.POST or None, documents=documents)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.publication_record(call=call, document=form.cleaned_data["document"], by=request.user,
                                                **form.service_arguments())
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Recorded: %(document)s — %(place)s.") % {
                "document": entry.get_document_display(), "place": entry.get_place_display()})
            return redirect(_page_url(call, f"entry-{entry.pk}"))
    return _page(request, call, form)


@clerk_required
def manage_publication_edit(request, slug, entry_pk):
    call = selectors.call_get_for_clerk(slug=slug, user=request.user)
    entry = record.entry_get(call, entry_pk)
    documents = record.public_documents(call)
    form = PublicationEntryForm(request.POST or None, documents=documents, entry=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.publication_update(entry=entry, by=request.user, **form.service_arguments())
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The entry was corrected; the history keeps what it said before."))
            return redirect(_page_url(call, f"entry-{entry.pk}"))
    context = {"call": call, "entry": entry, "form": form, "remove_form": RemoveEntryForm(),
               "page_title": _("Correct a publication entry"), "errors": error_summary(form)}
    return render(request, "competition/manage/publication_entry.html", context)


@require_POST
@clerk_required
def manage_publication_remove(request, slug, entry_pk):
    call = selectors.call_get_for_clerk(slug=slug, user=request.user)
    entry = record.entry_get(call, entry_pk)
    form = RemoveEntryForm(request.POST)
    if form.is_valid():
        services.publication_remove(entry=entry, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The entry was removed; the history keeps it with the reason."))
        return redirect(_page_url(call, "documents"))
    documents = record.public_documents(call)
    context = {"call": call, "entry": entry, "form": PublicationEntryForm(documents=documents, entry=entry),
               "remove_form": form, "page_title": _("Correct a publication entry"), "errors": error_summary(form)}
    return render(request, "competition/manage/publication_entry.html", context)
