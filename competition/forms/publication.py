"""Forms of the clerk's publication record: where and when a public document was published,
and the reason for removing an entry. The rules (a URL for BIP, dates not in the future, not
before the document) are checked by `competition.services.publication`, whose errors land on
these fields because the field names are the keys it uses."""
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from competition.forms.fields import _date_widget
from competition.models import PublicationEntry


def _label(name: str) -> str:
    return capfirst(PublicationEntry._meta.get_field(name).verbose_name)


def _help(name: str) -> str:
    return PublicationEntry._meta.get_field(name).help_text


class PublicationEntryForm(forms.Form):
    document = forms.ChoiceField(label=gettext_lazy("Document"))
    place = forms.ChoiceField(label=_label("place"), choices=PublicationEntry.Place.choices)
    address = forms.CharField(label=_label("address"), help_text=_help("address"), required=False, max_length=500)
    published_from = forms.DateField(label=_label("published_from"), widget=_date_widget())
    published_until = forms.DateField(label=_label("published_until"), help_text=_help("published_until"),
                                      required=False, widget=_date_widget())

    def __init__(self, *args, documents=(), entry: PublicationEntry | None = None, **kwargs):
        if entry is not None:
            kwargs.setdefault("initial", {"document": entry.document_key, "place": entry.place, "address": entry.address,
                                          "published_from": entry.published_from,
                                          "published_until": entry.published_until})
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [(doc.key, capfirst(doc.label)) for doc in documents]
        if entry is not None:  # the document of an entry stays; a wrong document is removed and recorded anew
            self.fields["document"].disabled = True
        self.prefix_id = f"entry-{entry.pk}" if entry else "new"

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("document", None)
        return data


class RemoveEntryForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason for removing the entry"), max_length=500,
                             error_messages={"required": gettext_lazy("Give the reason for removing the entry; it is "
                                                                      "recorded.")})
