"""Lists with search, filters, sorting and paging, their whole state in the address.

Every list page of the portal goes through `build_listing`: a django-filter FilterSet narrows the
rows (a value that does not fit is ignored and named in a Polish message, never a 500), one of the
list's named sorts orders them (an unknown sort falls back to the default), and Django's
paginator cuts one page (a page past the end shows the last page). The count is taken once and
only the page's rows are read, so a list's first page costs the same at 10 or 1 000 rows.

The templates `core/includes/_list_filters.html`, `_list_summary.html`, `_list_pager.html` and
`_sort_th.html` show the form, the "showing 1–25 of 317" line, the pager and sortable headers.
"""
from dataclasses import dataclass, field
from typing import Any

import django_filters
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext

PER_PAGE = 25
PAGE, SORT, SEARCH = "page", "sort", "q"
SEARCH_MAX_LENGTH = 100


@dataclass(frozen=True)
class Sort:
    """One way to order a list: `fields` ascending; descending reverses each of them."""

    key: str
    label: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class SortHeader:
    """A sortable column's header: the link that sorts by it (or reverses it) and aria-sort."""

    label: str
    url: str
    aria_sort: str  # "ascending", "descending" or "none"
    active: bool


@dataclass
class Listing:
    page: Page
    filterset: Any
    sort: str  # as in the address: "number" or "-number"
    headers: dict[str, SortHeader]
    base_query: str  # every parameter but the page, encoded, for the pager's links
    errors: list[str] = field(default_factory=list)
    filtered: bool = False

    @property
    def rows(self) -> list:
        return self.page.object_list

    @property
    def summary(self) -> str:
        return showing(self.page.start_index(), self.page.end_index(), self.page.paginator.count)

    def page_url(self, number: int) -> str:
        return "?" + "&".join(part for part in (self.base_query, f"{PAGE}={number}") if part)

    @property
    def pages(self) -> list[dict]:
        """The pager's links: first, previous, a window around the current page, next, last."""
        current, last = self.page.number, self.page.paginator.num_pages
        numbers = page_window(current, last)
        return [{"number": n, "url": self.page_url(n), "current": n == current, "gap": i > 0 and n > numbers[i - 1] + 1}
                for i, n in enumerate(numbers)]

    @property
    def previous_url(self) -> str:
        return self.page_url(self.page.number - 1) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.page_url(self.page.number + 1) if self.page.has_next() else ""


# --- pure rules --------------------------------------------------------------------------------


def showing(first: int, last: int, total: int) -> str:
    """ "Showing 1–25 of 317 offers"-like line, with the plural of the total (Polish has three)."""
    if not total:
        return _("Nothing found.")
    return ngettext("Showing %(first)s–%(last)s of %(total)s item", "Showing %(first)s–%(last)s of %(total)s items",
                    total) % {"first": first, "last": last, "total": total}


def page_number(value: str | None, num_pages: int) -> int:
    """The page asked for, within 1..num_pages: not a number → 1, past the end → the last page."""
    try:
        number = int(value or 1)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(num_pages, 1))


def page_window(current: int, last: int, *, around: int = 2) -> list[int]:
    """The page numbers the pager links: the first, the last and `around` on each side."""
    return sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})


def parse_sort(value: str | None, sorts: list[Sort], default: str) -> tuple[Sort, bool]:
    """The sort asked for as (sort, descending); an unknown key gives the default."""
    by_key = {sort.key: sort for sort in sorts}
    for candidate in (value or "", default):
        key = candidate.removeprefix("-")
        if key in by_key:
            return by_key[key], candidate.startswith("-")
    raise ValueError(f"default sort {default!r} is not one of the list's sorts")


def order_by(sort: Sort, descending: bool) -> list[str]:
    return [_reverse(name) if descending else name for name in sort.fields]


def _reverse(name: str) -> str:
    return name[1:] if name.startswith("-") else f"-{name}"


def number_candidates(text: str) -> list[str]:
    """How an offer number typed in a search may be stored: "317", "2019/317", "nr 17" and "017"
    all look for the number's digits as given and padded to three ("017")."""
    tail = text.strip().rsplit("/", 1)[-1].strip().lower().removeprefix("nr").strip(" .")
    if not tail.isdigit() or not tail.isascii():
        return []
    return sorted({tail, tail.lstrip("0").zfill(3)})


def search_q(text: str, *, number: str | None = None, fields: tuple[str, ...] = ()) -> Q:
    """Rows whose number is the one typed or whose text fields contain it (case-insensitive)."""
    text = text.strip()
    q = Q()
    for name in fields:
        q |= Q(**{f"{name}__icontains": text})
    if number:
        for candidate in number_candidates(text):
            q |= Q(**{number: candidate})
    return q


# --- the request -------------------------------------------------------------------------------


def _encoded(params: QueryDict, *drop: str) -> str:
    params = params.copy()
    for name in drop:
        params.pop(name, None)
    for name in [n for n, values in params.lists() if not any(values)]:
        params.pop(name)  # an empty filter is no filter: keep the address short
    return params.urlencode()


def _headers(params: QueryDict, sorts: list[Sort], current: Sort, descending: bool) -> dict[str, SortHeader]:
    base = _encoded(params, PAGE, SORT)
    headers = {}
    for sort in sorts:
        active = sort is current
        target = f"-{sort.key}" if active and not descending else sort.key
        query = "&".join(part for part in (base, f"{SORT}={target}") if part)
        state = ("descending" if descending else "ascending") if active else "none"
        headers[sort.key] = SortHeader(label=sort.label, url=f"?{query}", aria_sort=state, active=active)
    return headers


def _style(form) -> None:
    """Bootstrap's classes on the filter form's inputs."""
    for bound in form:
        widget = bound.field.widget
        css = "form-select" if getattr(widget, "input_type", "") == "select" or widget.__class__.__name__.endswith("Select") \
            else "form-control"
        widget.attrs.setdefault("class", css)


def _filter_errors(filterset) -> list[str]:
    errors = []
    for name, messages in filterset.form.errors.items():
        label = filterset.form.fields[name].label if name in filterset.form.fields else ""
        for message in messages:
            errors.append(_("%(field)s: %(message)s The filter was left out.") % {"field": label, "message": message})
    return errors


def build_listing(params: QueryDict, queryset: QuerySet, *, filterset_class=None, sorts: list[Sort],
                  default_sort: str, per_page: int | None = None, filterset_kwargs: dict | None = None) -> Listing:
    """Filter, sort and page `queryset` as `params` (request.GET) ask; see the module's docstring."""
    filterset = None
    if filterset_class is not None:
        filterset = filterset_class(params or None, queryset=queryset, **(filterset_kwargs or {}))
        queryset = filterset.qs  # a field that does not validate is left out of the filtering
        _style(filterset.form)
    sort, descending = parse_sort(params.get(SORT), sorts, default_sort)
    queryset = queryset.order_by(*order_by(sort, descending))
    paginator = Paginator(queryset, per_page or PER_PAGE)
    page = paginator.page(page_number(params.get(PAGE), paginator.num_pages))  # counts once
    page.object_list = list(page.object_list)
    return Listing(
        page=page,
        filterset=filterset,
        sort=f"-{sort.key}" if descending else sort.key,
        headers=_headers(params, sorts, sort, descending),
        base_query=_encoded(params, PAGE),
        errors=_filter_errors(filterset) if filterset is not None and filterset.is_bound else [],
        filtered=bool(filterset is not None and filterset.is_bound and any(
            v for k, v in params.items() if k in filterset.form.fields)),
    )


@dataclass
class _RowFilter:
    """What the list templates read of a FilterSet (its form), for rows computed in Python."""

    form: Any

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound


def build_row_listing(params: QueryDict, rows: list, *, form_class, keep, sorts: list[Sort], default_sort: str,
                      per_page: int | None = None) -> Listing:
    """`build_listing` for rows built in Python (the audit trail, whose rows are differences of
    records): `form_class` is a plain form of the filters, `keep(row, values)` says whether a row
    passes the valid, non-empty `values`; a sort's `fields` are attributes of the rows."""
    form = form_class(params or None)
    values = {}
    if form.is_bound:
        form.is_valid()  # a field that does not validate is left out, as in build_listing
        values = {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}
    rows = [row for row in rows if keep(row, values)] if values else list(rows)
    sort, descending = parse_sort(params.get(SORT), sorts, default_sort)
    rows.sort(key=lambda row: tuple(getattr(row, name) for name in sort.fields), reverse=descending)
    paginator = Paginator(rows, per_page or PER_PAGE)
    page = paginator.page(page_number(params.get(PAGE), paginator.num_pages))
    row_filter = _RowFilter(form)
    _style(form)
    return Listing(
        page=page, filterset=row_filter, sort=f"-{sort.key}" if descending else sort.key,
        headers=_headers(params, sorts, sort, descending), base_query=_encoded(params, PAGE),
        errors=_filter_errors(row_filter) if form.is_bound else [],
        filtered=bool(form.is_bound and any(v for k, v in params.items() if k in form.fields)),
    )


def search_filter(*, number: str | None = None, fields: tuple[str, ...] = (), label=None):
    """The list's search box (`?q=`): the number (see `number_candidates`) or any of `fields`."""
    def method(queryset, name, value):
        return queryset.filter(search_q(value, number=number, fields=fields)) if value.strip() else queryset

    return django_filters.CharFilter(label=label or gettext_lazy("Search"), method=method,
                                     max_length=SEARCH_MAX_LENGTH, strip=True)
