"""The second factor: the six digits at every login, and setting it up through a one-time link
(never merely after typing the password: accounts.two_factor)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import rules, selectors, services
from accounts import two_factor as tf
from accounts.forms import EnrolmentLinkIssueForm
from accounts.models import EnrolmentLink
from accounts.permissions import is_administrator, needs_two_factor

SESSION_KEY = "two_factor_enrolment"  # the link opened in this session, whose QR code it may show


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return reverse("accounts:work")  # every role lands on its work after login (LOGIN_REDIRECT_URL)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Type the six digits (every login); without a confirmed device, the page that says a
    set-up link was sent, and nothing else."""
    device = tf.device_of(request.user)
    if device is None:
        return _link_sent(request)
    error = ""
    if request.method == "POST":
        error = tf.confirm(request, device, request.POST.get("token", ""))
        if not error:
            messages.success(request, _("The second factor is confirmed."))
            return redirect(_next(request))
    context = {"error": error, "next": _next(request)}
    return render(request, "accounts/two_factor.html", context, status=400 if error else 200)


def _link_sent(request):
    user, error = request.user, ""
    if request.method == "POST":
        try:
            services.enrolment_link_send(user=user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("A new set-up link was sent to %(email)s.") % {"email": user.email})
            return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': _next(request)})}")
    elif needs_two_factor(user) and services.enrolment_link_live(user=user) is None:
        try:
            services.enrolment_link_send(user=user)  # the first visit after logging in sends one
        except ValidationError:
            pass  # too many today: the page offers to ask again, and says when
    context = {"link": services.enrolment_link_live(user=user), "error": error, "next": _next(request),
               "hours": int(rules.ENROLMENT_LINK_VALID_FOR.total_seconds() // 3600)}
    return render(request, "accounts/two_factor_link_sent.html", context, status=429 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request, token):
    """The set-up link: GET asks to confirm (a mail scanner fetching the link uses nothing),
    POST uses it and moves on to the QR code, which only this session may then see."""
    if request.method == "POST":
        try:
            link = services.enrolment_link_open(token=token, user=request.user)
        except ValidationError as exc:
            return _refused(request, exc)
        request.session[SESSION_KEY] = link.pk
        return redirect("accounts:two_factor_setup")
    _link, refusal = selectors.enrolment_link_refusal(token=token, user=request.user)
    if refusal is not None:
        return _refused(request, refusal)
    return render(request, "accounts/two_factor_enrol.html", {"error": ""})


def _refused(request, refusal: ValidationError):
    status = 404 if refusal.code == "unknown" else 410
    return render(request, "accounts/two_factor_enrol.html", {"error": refusal.messages[0]}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """The QR code and the key, after a set-up link was used in this session within its 24 hours."""
    link = selectors.enrolment_link_opened(pk=request.session.get(SESSION_KEY), user=request.user)
    device = tf.pending_device(request.user)
    if link is None or device is None or timezone.now() >= link.issued_at + rules.ENROLMENT_LINK_VALID_FOR:
        request.session.pop(SESSION_KEY, None)
        return redirect("accounts:two_factor")
    error = ""
    if request.method == "POST":
        error = tf.confirm(request, device, request.POST.get("token", ""))
        if not error:
            services.enrolment_link_complete(link=link)
            request.session.pop(SESSION_KEY, None)
            messages.success(request, _("The second factor is set up. From now on the portal asks for the code "
                                        "from the app at every login."))
            return redirect("accounts:profile")
    context = {"error": error, "secret": tf.secret_text(device), "qr": tf.qr_svg(device, request.user)}
    return render(request, "accounts/two_factor_setup.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_links(request):
    """An administrator issues a set-up link (shown here to copy, or sent to the account's
    address) and sees who issued which link and when it was used."""
    if not is_administrator(request.user):
        raise PermissionDenied
    form, issued = EnrolmentLinkIssueForm(request.POST or None), None
    if request.method == "POST" and form.is_valid():
        user, show = form.cleaned_data["user"], request.POST.get("channel") != EnrolmentLink.Channel.MAIL
        channel = EnrolmentLink.Channel.ADMINISTRATOR if show else EnrolmentLink.Channel.MAIL
        token = services.enrolment_link_issue(user=user, by=request.user, channel=channel)
        if show:
            issued = {"user": user, "url": request.build_absolute_uri(services.enrolment_link_path(token))}
        else:
            messages.success(request, _("A set-up link was sent to %(email)s.") % {"email": user.email})
            return redirect("accounts:enrolment_links")
    context = {"form": form, "issued": issued, "links": selectors.enrolment_link_list()}
    return render(request, "accounts/enrolment_links.html", context, status=400 if form.errors else 200)
