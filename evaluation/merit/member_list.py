"""The member's list of offers to evaluate, searched, filtered, sorted and paged (core/listing.py).

The counters and the "next offer to do" need every offer's declaration and sheet: they are read
over only the columns they need (`member_summary`); the rows shown, with their offerors, only for
the page (`member_rows`).
"""
from collections import namedtuple

import django_filters
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from competition.models import CommissionMember
from core.listing import Sort, search_filter
from evaluation.merit import selectors
from evaluation.models import Declaration, FormalSheet, ScoreSheet
from offers.models import Offer, OfferPartner

SORTS = [
    Sort("number", _("Offer"), ("number", "pk")),
    Sort("title", _("Title"), ("title", "pk")),
    Sort("organisation", _("Offerors"), ("organisation__name", "pk")),
]
DEFAULT_SORT = "number"
NONE, IMPARTIAL, EXCLUDED, DRAFT, SUBMITTED = "none", "impartial", "excluded", "draft", "submitted"


class MemberOfferFilter(django_filters.FilterSet):
    q = search_filter(number="number", fields=("title", "organisation__name"),
                      label=_("Number, title or organisation"))
    declaration = django_filters.ChoiceFilter(
        label=_("Your declaration"), empty_label=_("any"), method="filter_declaration",
        choices=[(NONE, _("not made yet")), (IMPARTIAL, _("impartial")), (EXCLUDED, _("conflict declared: you are excluded"))])
    sheet = django_filters.ChoiceFilter(
        label=_("Your sheet"), empty_label=_("any"), method="filter_sheet",
        choices=[(NONE, _("not started")), (DRAFT, _("draft saved")), (SUBMITTED, _("submitted"))])

    def __init__(self, *args, seat: CommissionMember, **kwargs):
        super().__init__(*args, **kwargs)
        self.seat = seat

    def filter_declaration(self, queryset, name, value):
        mine = Declaration.objects.filter(member=self.seat, offer=OuterRef("pk"))
        excluding = mine.filter(conflict=True, withdrawn_at__isnull=True)
        if value == NONE:
            return queryset.filter(~Exists(mine))
        if value == EXCLUDED:
            return queryset.filter(Exists(excluding))
        return queryset.filter(Exists(mine), ~Exists(excluding))

    def filter_sheet(self, queryset, name, value):
        mine = ScoreSheet.objects.filter(member=self.seat, offer=OuterRef("pk"))
        if value == NONE:
            return queryset.filter(~Exists(mine))
        return queryset.filter(Exists(mine.filter(state=value)))


def member_offer_list(seat: CommissionMember) -> QuerySet:
    """The offers of the member's list, for filtering, sorting and paging."""
    return Offer.objects.filter(call=seat.call, formal_sheet__result=FormalSheet.Result.ADMITTED).only("pk")


class _Declaration(namedtuple("_Declaration", "conflict withdrawn_at")):
    """What the member's list reads of a declaration, as plain values."""

    @property
    def excludes(self) -> bool:
        return self.conflict and self.withdrawn_at is None


class _Sheet(namedtuple("_Sheet", "state total")):
    """What the member's list reads of a score sheet, as plain values."""

    @property
    def is_submitted(self) -> bool:
        return self.state == ScoreSheet.State.SUBMITTED


_Offer = namedtuple("_Offer", "pk number")


def member_summary(seat: CommissionMember) -> selectors.MemberOverview:
    """Every offer's declaration and sheet for the counters and the next offer to do, as plain
    values (a model instance per offer, declaration and sheet cost most of the page at 1 000)."""
    offers = (Offer.objects.filter(call=seat.call, formal_sheet__result=FormalSheet.Result.ADMITTED)
              .order_by("number", "pk").values_list("pk", "number"))
    declarations = {offer_id: _Declaration(conflict, withdrawn_at) for offer_id, conflict, withdrawn_at in
                    Declaration.objects.filter(member=seat).values_list("offer_id", "conflict", "withdrawn_at")}
    sheets = {offer_id: _Sheet(state, total) for offer_id, state, total in
              ScoreSheet.objects.filter(member=seat).values_list("offer_id", "state", "total")}
    rows = [selectors.MemberRow(_Offer(pk, number), [], declarations.get(pk), sheets.get(pk)) for pk, number in offers]
    return selectors.MemberOverview(seat=seat, rows=rows, scores=selectors.scores(seat))


def member_rows(overview: selectors.MemberOverview, offers: list[Offer]) -> list[selectors.MemberRow]:
    """The page's rows in the page's order, with titles and offerors (two queries)."""
    full = {o.pk: o for o in Offer.objects.filter(pk__in=[o.pk for o in offers])
            .only("pk", "number", "title", "organisation__name").select_related("organisation")
            .prefetch_related(Prefetch("partners", queryset=OfferPartner.objects.select_related("organisation")
                                       .only("pk", "offer_id", "organisation__name")))}
    known = {row.offer.pk: row for row in overview.rows}
    return [selectors.MemberRow(full[o.pk], selectors.offerors_of(full[o.pk]), known[o.pk].declaration,
                                known[o.pk].sheet)
            for o in offers if o.pk in full and o.pk in known]
