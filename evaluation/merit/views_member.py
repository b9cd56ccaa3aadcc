"""The commission member's screens of Stage II, the merit evaluation (art. 15 of the Act).

A member sees the calls where they hold a seat, and in each the admitted offers: number,
title and offerors only, until they declare impartiality for the offer. After declaring
without a conflict they read the offer (as submitted) and fill one score sheet; an expert
(advisory voice) writes an opinion instead. After submitting their own sheet, and if the
call allows it, they see the other members' submitted sheets. A member who declared a
conflict gets 404 for the offer's content, its PDF and its sheets: they learn nothing more.

Every view finds the seat through `selectors_merit.seat_get` (404 for anyone without a seat in
the call) after `login_required`, and the offer through `member_offer_get` (404 for offers not
admitted). Every POST calls one service of `services_merit`, which checks the stage, the
declaration and the ranges; its ValidationError re-renders the page with what was typed.
What the pages show (the list with each offer's next step, the criteria of a sheet) is shaped
in `evaluation.merit.display.member`.
"""
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from competition.models import CommissionMember
from core.forms import add_service_errors, error_summary
from core.listing import build_listing
from evaluation.merit import forms
from evaluation.merit import member_list
from evaluation.merit import rules
from evaluation.merit import selectors
from evaluation.merit import services
from evaluation.merit.display import member as display
from evaluation.models import Declaration
from core.pdf.render import render_pdf
from core.pdf.response import pdf_response
from offers import documents as offer_documents
from offers.models import Offer


AUTOSAVE_HEADER = "X-Autosave"
STASH_KEY = "commission:unsaved:%s"


def _is_autosave(request) -> bool:
    return request.headers.get(AUTOSAVE_HEADER) == "1"


def _member_view(view=None, *, stash: bool = False):
    """Logged in (or sent to log in), then the user's seat in the call, or 404. With `stash`, a
    form posted after the session ended waits in the new session for after the login."""
    if view is None:
        return lambda v: _member_view(v, stash=stash)

    @wraps(view)
    def wrapper(request, slug, **kwargs):
        if not request.user.is_authenticated:
            return _login_first(request, stash=stash)
        return view(request, selectors.seat_get(user=request.user, slug=slug), **kwargs)

    return wrapper


def _login_first(request, *, stash: bool):
    if stash and request.method == "POST":
        request.session[STASH_KEY % request.path] = {
            key: values for key, values in request.POST.lists() if key != "csrfmiddlewaretoken"}
    login = redirect_to_login(request.get_full_path())
    if _is_autosave(request):
        return JsonResponse({"ok": False, "login_url": login.url, "message": _(
            "Your session has expired, so this was not saved. Log in again: what you typed here will be waiting "
            "on this page.")}, status=401)
    return login


def _unstash(request) -> QueryDict | None:
    saved = request.session.pop(STASH_KEY % request.path, None)
    if saved is None:
        return None
    data = QueryDict(mutable=True)
    for key, values in saved.items():
        data.setlist(key, values)
    return data


def _after(request, seat: CommissionMember, offer: Offer):
    """Where a member goes when done with an offer: the next offer to do, else the list."""
    following = display.next_todo(display.row_views(seat), after=offer.pk)
    if following is None:
        messages.info(request, _("Nothing is left for you to do in this call for now."))
        return redirect(display.offers_url(seat))
    return redirect(following.url)


# --- the member's calls and offers ------------------------------------------------------------------


@login_required
def home(request):
    """The calls where the user sits on the commission, with their progress in each."""
    seats = selectors.seats_of_user(request.user)
    if not seats:
        raise Http404
    rows = display.seat_views(seats)
    return render(request, "evaluation/commission/member_home.html", {"rows": rows})


@_member_view
def offers(request, seat):
    overview = member_list.member_summary(seat)
    listing = build_listing(request.GET, member_list.member_offer_list(seat), filterset_class=member_list.MemberOfferFilter,
                            sorts=member_list.SORTS, default_sort=member_list.DEFAULT_SORT, filterset_kwargs={"seat": seat})
    rows = [display.row_view(seat, row) for row in member_list.member_rows(overview, listing.rows)]
    return render(request, "evaluation/commission/member_offers.html", {
        "call": seat.call, "seat": seat, "overview": overview, "rows": rows, "listing": listing,
        "next": display.first_todo(seat, overview.rows),
        "scoring": display.scoring(seat.call),
    })


# --- the declaration --------------------------------------------------------------------------------


@_member_view
def declare_many(request, seat):
    """One statement of impartiality for every offer ticked among those not declared yet (a member
    with forty offers need not repeat it forty times); conflicts are declared offer by offer."""
    pending = [r for r in selectors.member_overview(seat).rows if r.declaration is None]
    error = ""
    chosen = {str(r.offer.pk) for r in pending}
    if request.method == "POST" and display.scoring(seat.call):
        chosen = set(request.POST.getlist("offers"))
        if request.POST.get("confirm") != "yes":
            error = _("Confirm that none of the grounds for exclusion applies to you for the offers ticked.")
        else:
            try:
                count = services.declarations_make_impartial(
                    seat=seat, offers=[r.offer for r in pending if str(r.offer.pk) in chosen])
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(request, _("Declarations made: %(n)s.") % {"n": count})
                return redirect(display.offers_url(seat))
    return render(request, "evaluation/commission/member_declare_many.html", {
        "call": seat.call, "seat": seat, "pending": pending, "chosen": chosen, "error": error,
        "grounds": selectors.grounds_of(seat), "scoring": display.scoring(seat.call),
    }, status=200)


def _declaration_mode(declaration: Declaration | None) -> str:
    if declaration is None:
        return "new"
    if declaration.excludes:
        return "excluded"
    return "lifted" if declaration.conflict else "impartial"


@_member_view
def declare(request, seat, offer_pk):
    offer = selectors.member_offer_get(seat=seat, offer_pk=offer_pk)
    declaration = selectors.declaration_get(seat, offer)
    mode = _declaration_mode(declaration)
    may_declare = display.scoring(seat.call) and mode in ("new", "impartial")
    form = forms.DeclarationForm(request.POST if request.method == "POST" and may_declare else None,
                                 grounds=selectors.grounds_of(seat), conflict_only=mode == "impartial")
    if request.method == "POST":
        if not may_declare:
            return redirect(display.declare_url(seat, offer.pk))
        if form.is_valid():
            try:
                made = services.declaration_make(seat=seat, offer=offer, **form.declaration())
            except ValidationError as exc:
                add_service_errors(exc, form)
            else:
                if made.excludes:
                    messages.success(request, _("Your declaration of a conflict is recorded: you will not see or "
                                                "score this offer."))
                    return _after(request, seat, offer)
                messages.success(request, _("Your declaration of impartiality is recorded: you may now read and "
                                            "score the offer."))
                return redirect(display.sheet_url(seat, offer.pk))
    return render(request, "evaluation/commission/member_declaration.html", {
        "call": seat.call, "seat": seat, "offer": offer, "offerors": selectors.offerors_of(offer),
        "declaration": declaration, "mode": mode, "may_declare": may_declare, "form": form,
        "chair": selectors.chair_of(seat.call), "errors": error_summary(form), "grounds": selectors.grounds_of(seat),
    })


# --- the score sheet --------------------------------------------------------------------------------


def _declared_offer(seat: CommissionMember, offer_pk: int) -> tuple[Offer, Declaration | None]:
    """The offer and the member's declaration; 404 when the declaration excludes them."""
    offer = selectors.member_offer_get(seat=seat, offer_pk=offer_pk)
    declaration = selectors.declaration_get(seat, offer)
    if declaration is not None and not rules.may_see_offer(declared=True, excluded=declaration.excludes):
        raise Http404
    return offer, declaration


def _version(page: selectors.SheetPage):
    """The version the member scores: the sheet's, or the latest submitted one."""
    return page.sheet.version if page.sheet else selectors.latest_version(page.offer)


def _sheet_response(request, seat, page, form, *, status=200):
    call, sheet = seat.call, page.sheet
    editable = display.scoring(call) and not (sheet and sheet.is_submitted)
    steps = selectors.scale_steps_of(call)
    version = _version(page)
    others = None
    if page.others is not None:
        others = [{"other": o, "scores": selectors.scores(o.member), "name": selectors.member_name(o.member),
                   "criteria": display.criterion_views(o.rows, steps)} for o in page.others]
    rows = display.row_views(seat)
    return render(request, "evaluation/commission/member_sheet.html", {
        "call": call, "seat": seat, "page": page, "offer": page.offer, "sheet": sheet, "form": form,
        "editable": editable, "criteria": display.criterion_views(page.rows, steps, form if editable else None),
        "others": others, "version": version,
        "offer_doc": offer_documents.offer_context(version.data, call, version=version) if version else None,
        "next": display.next_todo(rows, after=page.offer.pk),
        "errors": display.sheet_errors(form, page),
        "storage_key": f"sheet-{seat.pk}-{page.offer.pk}",
        "live": display.live_total(page) if page.scores else None,
    }, status=status)


@_member_view(stash=True)
def sheet(request, seat, offer_pk):
    offer, declaration = _declared_offer(seat, offer_pk)
    if declaration is None:
        return redirect(display.declare_url(seat, offer.pk))
    page = selectors.sheet_page(seat=seat, offer=offer, declaration=declaration)
    if request.method == "POST" and _is_autosave(request):
        return _autosave(request, seat, page)
    data = request.POST if request.method == "POST" else _restored(request, seat, page)
    form = forms.SheetForm(data, page=page)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.sheet_save(seat=seat, offer=offer, data=form.sheet_input(), revision=form.revision_value(),
                                submit=submit)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            if submit:
                messages.success(request, _("Your score sheet for offer %(number)s is submitted.")
                                 % {"number": offer.number})
                return _after(request, seat, offer)
            messages.success(request, _("The draft is saved."))
            return redirect(display.sheet_url(seat, offer.pk))
    return _sheet_response(request, seat, page, form)


def _restored(request, seat, page: selectors.SheetPage) -> QueryDict | None:
    """What was posted after the session ended, shown again after the login (not saved yet)."""
    data = _unstash(request)
    if data is None:
        return None
    if not display.scoring(seat.call) or (page.sheet and page.sheet.is_submitted):
        messages.warning(request, _("What you typed before your session expired could not be restored: the sheet "
                                    "can no longer be changed."))
        return None
    messages.info(request, _("Unsaved changes were restored — check them and save."))
    return data


def _autosave(request, seat, page: selectors.SheetPage) -> JsonResponse:
    """A draft saved while the member types: JSON for the page's script, never a redirect."""
    form = forms.SheetForm(request.POST, page=page)
    if not display.scoring(seat.call) or (page.sheet and page.sheet.is_submitted):
        return JsonResponse({"ok": False, "message": _("This sheet can no longer be changed.")}, status=403)
    if not form.is_valid():
        return JsonResponse({"ok": False, "errors": [e["text"] for e in error_summary(form)]}, status=400)
    try:
        saved = services.sheet_save(seat=seat, offer=page.offer, data=form.sheet_input(),
                                    revision=form.revision_value(), autosave=True)
    except ValidationError as exc:
        if getattr(exc, "code", None) == services.STALE:
            return JsonResponse({"ok": False, "message": exc.messages[0]}, status=409)
        return JsonResponse({"ok": False, "errors": exc.messages}, status=400)
    return JsonResponse({"ok": True, "revision": saved.revision,
                         "saved_at": timezone.localtime(saved.updated_at).strftime("%H:%M")})


@_member_view
def offer_pdf(request, seat, offer_pk):
    """The offer as submitted, in the version the member scores; the sheet page's access rule."""
    offer, declaration = _declared_offer(seat, offer_pk)
    if declaration is None:
        return redirect(display.declare_url(seat, offer.pk))
    version = selectors.scored_version(seat, offer)
    if version is None:
        raise Http404
    context = offer_documents.offer_context(version.data, seat.call, version=version)
    name = "".join(ch for ch in str(version.data.get("number") or offer.pk) if ch.isalnum() or ch in "-_")
    return pdf_response(render_pdf("offers/pdf/offer.html", context), f"oferta-{name}-v{version.number}.pdf")
