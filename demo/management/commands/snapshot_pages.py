"""`manage.py snapshot_pages OUTDIR`: what every demo role gets from every URL of the portal,
one text file per (role, URL), to show that a refactoring changed no page and no PDF (issue 19:
compare the demo's pages and PDF texts before and after).

For each role (anonymous, then every account of `demo.loader.DEMO_USERS`, logged in with the test
client's `force_login`; two-factor authentication is off, as in the tests) and each URL pattern
of the root URLconf, filled with the demo's real slugs and ids (at most `--per-pattern` values
each, spread over the calls), it sends a GET and writes the status, the Location of a redirect,
the Content-Type and Content-Disposition, and the body: HTML and other text normalised (CSRF
tokens, nonces, hashed static names and the random tokens and stored file names of the data
replaced by fixed labels), a PDF as its text page by page (pypdf) with its metadata but no dates,
anything else as its size and SHA-256. `OUTDIR/index.tsv` lists every (role, URL, status, file).

Every request runs in a transaction that is rolled back (the login too), so no GET changes what
the next one sees and the order of the URL patterns does not matter; the URLs are visited in
sorted order. Celery runs eagerly, so no PDF answers 202 ("being prepared"); one that does is
recorded as it is and counted at the end. WeasyPrint's layout of a document is done once per
distinct HTML (the PDF of the same HTML is the same document; only the time is saved).

Deterministic: the clock is pinned (`--at`, time-machine, not ticking) while the demo is loaded
(`--load-demo`) and while the pages are read; two runs on the same commit give identical files.
The recipe, on a fresh SQLite database (this is `/work/notes/snap-recipe.sh`):

    export DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=sqlite:////tmp/snap.sqlite3 \\
           MEDIA_ROOT=/tmp/snap-media CELERY_TASK_ALWAYS_EAGER=true
    rm -rf /tmp/snap.sqlite3 /tmp/snap-media
    .venv/bin/python manage.py migrate --noinput
    .venv/bin/python manage.py snapshot_pages OUTDIR --load-demo --at 2026-12-01T12:00:00+01:00

then `diff -r BEFORE AFTER`.
"""
import hashlib
import io
import logging
import re
import time
from collections import Counter, defaultdict
from datetime import datetime
from itertools import zip_longest
from pathlib import Path
from typing import NamedTuple

import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

DEFAULT_AT = "2026-12-01T12:00:00+01:00"
# The offer form's steps (offers.rules.SECTIONS at 392ffa4), written out so that the same URLs are
# visited whatever module the list lives in later.
SECTIONS = ("basics", "offerors", "description", "actions", "indicators", "schedule", "zones", "resources",
            "costs", "other", "statements")
UNKNOWN_TOKEN = "snapshot-unknown-token"
RESET_USER = "oferent@demo.local"


class Command(BaseCommand):
    help = "Writes what every demo role gets from every URL (status, redirect, HTML text, PDF text) to OUTDIR."

    def add_arguments(self, parser):
        parser.add_argument("outdir")
        parser.add_argument("--at", default=DEFAULT_AT, help=f"the pinned clock, ISO 8601 (default {DEFAULT_AT})")
        parser.add_argument("--load-demo", action="store_true", help="run load_demo first, under the same clock")
        parser.add_argument("--per-pattern", type=int, default=5, help="values per URL pattern (default 5)")
        parser.add_argument("--only", default="", help="only URLs starting with this path (e.g. /calls/)")
        parser.add_argument("--roles", default="", help="comma-separated roles (default: all)")

    def handle(self, *args, **options):
        at = datetime.fromisoformat(options["at"])
        if at.tzinfo is None:
            raise CommandError("--at needs a UTC offset, e.g. 2026-12-01T12:00:00+01:00")
        out = Path(options["outdir"])
        started = time.monotonic()
        for noisy in ("axes", "django.request", "celery"):  # a line per login, 404 and eager task otherwise
            logging.getLogger(noisy).setLevel(logging.ERROR if noisy == "django.request" else logging.WARNING)
        with time_machine.travel(at, tick=False), override_settings(**_SETTINGS), _PdfMemo():
            if options["load_demo"]:
                call_command("load_demo", stdout=io.StringIO())
            roles = _roles(options["roles"])
            cases, unfilled = url_cases(options["per_pattern"])
            cases = [c for c in cases if c.url.startswith(options["only"] or "/")]
            stats = snapshot(out, roles, cases, unfilled, log=self.stdout.write if options["verbosity"] > 1 else None)
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"{stats['pairs']} (role, URL) pairs ({len(roles)} roles × {len(cases)} URLs), {stats['pdf']} PDFs, "
            f"statuses {dict(sorted(stats['status'].items()))}, {stats[202]} answered 202, "
            f"{len(stats['unfilled'])} patterns without values; {elapsed:.0f} s → {out}")


_SETTINGS = {
    "DEBUG": False,  # the error pages the users get, not Django's technical ones
    "TWO_FACTOR_REQUIRED": False,  # as in the tests: force_login is enough
    "ALLOWED_HOSTS": ["testserver"],
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "CELERY_TASK_ALWAYS_EAGER": True,
}


# --- the URLs -----------------------------------------------------------------------------------------


def _roles(only: str) -> list[tuple[str, str | None]]:
    from demo.loader import DEMO_USERS

    roles = [("anonymous", None)] + [(spec.email.split("@")[0], spec.email) for spec in DEMO_USERS]
    return [r for r in roles if r[0] in set(only.split(","))] if only else roles


class Case(NamedTuple):
    name: str
    url: str


def _model(name: str):
    """A model by its class name, wherever the refactoring puts it."""
    found = [m for m in apps.get_models() if m.__name__ == name]
    if len(found) != 1:
        raise CommandError(f"model {name}: {len(found)} found")
    return found[0]


def _walk(patterns, route: str = "", namespace: str = "", regex: bool = False):
    for pattern in patterns:
        own_regex = regex or not isinstance(pattern.pattern, RoutePattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, route + str(pattern.pattern), inner, own_regex)
        elif isinstance(pattern, URLPattern):
            full = route + str(pattern.pattern)
            arguments = frozenset(re.findall(r"<(?:\w+:)?(\w+)>", full)) if not own_regex else None
            yield (namespace + pattern.name if pattern.name else ""), full, arguments, own_regex


def _values(model: str, key: str | None = None, order=("pk",), **fields) -> list[dict]:
    """[{URL argument: value}] of every row of `model` (fields: URL argument → ORM path), with `key`:
    round-robin over its values (the call, the offer), so that the first few cover them all."""
    rows = [dict(zip(fields, r)) for r in _model(model)._base_manager.order_by(*order).values_list(*fields.values())]
    groups = defaultdict(list)
    for row in rows:
        groups[row[key] if key else None].append(row)
    return [row for rank in zip_longest(*groups.values()) for row in rank if row is not None]


# What fills which arguments: (arguments, a part of the route, model, round-robin over, order, {argument: ORM path}).
VALUES = (
    ({"slug"}, "", "Call", None, ("pk",), {"slug": "slug"}),
    ({"pk"}, "partner-invitations/<int:pk>", "OfferPartner", None, ("pk",), {"pk": "pk"}),
    ({"pk"}, "offers/<int:pk>", "Offer", None, ("pk",), {"pk": "pk"}),
    ({"pk"}, "organisations/<int:pk>", "Organisation", None, ("pk",), {"pk": "pk"}),
    ({"pk"}, "grants/<int:pk>", "Contract", None, ("pk",), {"pk": "pk"}),
    ({"pk", "number"}, "/versions/", "OfferVersion", "pk", ("offer_id", "number"), {"pk": "offer_id", "number": "number"}),
    ({"pk", "number"}, "/changes/", "ChangeRequest", "pk", ("contract_id", "number"), {"pk": "contract_id", "number": "number"}),
    ({"pk", "number"}, "/report/", "ReportVersion", "pk", ("report__contract_id", "number"),
     {"pk": "report__contract_id", "number": "number"}),
    ({"pk", "attachment_id"}, "/report/", "ReportAttachment", None, ("pk",),
     {"pk": "report__contract_id", "attachment_id": "pk"}),
    ({"pk", "attachment_id"}, "", "Attachment", None, ("pk",), {"pk": "offer_id", "attachment_id": "pk"}),
    ({"slug", "offer_pk"}, "", "Offer", "slug", ("pk",), {"slug": "call__slug", "offer_pk": "pk"}),
    ({"slug", "offer_pk", "number"}, "", "OfferVersion", "slug", ("offer_id", "number"),
     {"slug": "offer__call__slug", "offer_pk": "offer_id", "number": "number"}),
    ({"slug", "offer_pk", "receipt_pk"}, "", "ConfirmationReceipt", "slug", ("pk",),
     {"slug": "offer__call__slug", "offer_pk": "offer_id", "receipt_pk": "pk"}),
    ({"slug", "declaration_pk"}, "", "Declaration", "slug", ("pk",), {"slug": "offer__call__slug", "declaration_pk": "pk"}),
    ({"slug", "sheet_pk"}, "", "ScoreSheet", "slug", ("pk",), {"slug": "offer__call__slug", "sheet_pk": "pk"}),
    ({"slug", "action_pk"}, "", "Action", "slug", ("pk",), {"slug": "call__slug", "action_pk": "pk"}),
    ({"slug", "criterion_pk"}, "", "MeritCriterion", "slug", ("pk",), {"slug": "call__slug", "criterion_pk": "pk"}),
    ({"authority"}, "", "Authority", None, ("pk",), {"authority": "slug"}),  # an authority's pages (/<authority>/)
    ({"authority", "slug"}, "", "Call", None, ("pk",), {"authority": "authority__slug", "slug": "slug"}),
)


def _candidates(route: str, arguments: frozenset) -> list[dict] | None:
    """Every filling of the pattern's arguments by the demo's data; None when the arguments are
    not known here (written to unfilled.tsv, so that a new pattern is noticed)."""
    a = set(arguments)
    if not a:
        return [{}]
    if route.startswith("admin/"):
        return _admin_candidates(route, a)
    for names, part, model, key, order, fields in VALUES:
        if a == names and part in route:
            return _values(model, key, order, **fields)
    if a == {"pk", "section"}:
        offers = _values("Offer", "slug", slug="call__slug", pk="pk")
        return [{"pk": offers[i % len(offers)]["pk"], "section": s} for i, s in enumerate(SECTIONS)]
    if a == {"token"}:
        tokens = [] if "/two-factor/" in route else _values("Invitation", token="token")
        return tokens + [{"token": UNKNOWN_TOKEN}]
    if a == {"uidb64", "token"}:
        user = get_user_model().objects.get(email=RESET_USER)
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        return [{"uidb64": uid, "token": default_token_generator.make_token(user)},
                {"uidb64": uid, "token": UNKNOWN_TOKEN}]
    return None


def _admin_candidates(route: str, a: set) -> list[dict] | None:
    parts = route.split("/")
    if a == {"object_id"} or a == {"pk"}:
        model = apps.get_model(parts[1], parts[2])
        return [{next(iter(a)): pk} for pk in model.objects.order_by("pk").values_list("pk", flat=True)]
    if a == {"content_type_id", "object_id"}:
        from django.contrib.contenttypes.models import ContentType

        kind = ContentType.objects.get_for_model(_model("Call")).pk
        return [{"content_type_id": kind, "object_id": row["pk"]} for row in _values("Call", pk="pk")]
    return None


def url_cases(cap: int) -> tuple[list[Case], list[str]]:
    """Every URL to visit, sorted by path, and the patterns left out (name, route, why)."""
    cases, unfilled = {}, []
    for name, route, arguments, regex in _walk(get_resolver().url_patterns):
        if regex:  # re_path(): only the admin's app list takes arguments, the admin's catch-all is left out
            if name == "admin:app_list":
                for app in ("auth", "axes", "otp_totp", "competition"):
                    url = reverse(name, kwargs={"app_label": app})
                    cases.setdefault(url, Case(name, url))
            elif name and not re.compile(route).groups:
                url = reverse(name)
                cases.setdefault(url, Case(name, url))
            else:  # unnamed, or with arguments (django-simple-history's admin view of one record)
                unfilled.append(f"{name or '-'}\t/{route}\t{'regular expression with arguments' if name else 'unnamed regular expression'}")
            continue
        rows = _candidates(route, arguments)
        if not rows:
            unfilled.append(f"{name or '-'}\t/{route}\t{'no such rows in the demo' if rows == [] else 'arguments unknown'}")
            continue
        unique = list({tuple(sorted(row.items())): row for row in rows}.values())
        for kwargs in unique[:max(cap, len(SECTIONS)) if "section" in arguments else cap]:
            url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m, kw=kwargs: str(kw[m.group(1)]), route)
            cases.setdefault(url, Case(name, url))
    return sorted(cases.values(), key=lambda c: c.url), unfilled


# --- normalising what changes from run to run ---------------------------------------------------------

class Normaliser:
    """Replaces what is random in a run (tokens, stored file names) by fixed labels."""

    def __init__(self):
        self.labels = {}
        for n, token in enumerate(_model("Invitation").objects.order_by("pk").values_list("token", flat=True), 1):
            self.labels[token] = f"<invitation-token-{n}>"
        user = get_user_model().objects.get(email=RESET_USER)
        self.labels[default_token_generator.make_token(user)] = "<password-reset-token>"

    PATTERNS = (
        (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*'), r"\1<csrf>"),
        (re.compile(r'(csrf[\w-]*"?\s*(?:content|value)?=")[^"]*', re.I), r"\1<csrf>"),  # data-csrf= too
        (re.compile(r'(data-seconds-left=")\d+'), r"\1<session-seconds>"),  # the session's clock
        (re.compile(r'(["\']?X-CSRFToken["\']?\s*:\s*["\'])[^"\']*'), r"\1<csrf>"),
        (re.compile(r'(nonce=")[^"]*'), r"\1<nonce>"),
        (re.compile(r'(name="(?:initial-)?key" value=")[0-9a-f]{40}"'), r'\1<random-otp-key>"'),  # the admin's new device
        (re.compile(r"(/static/[^\"'\s?#]*?)\.[0-9a-f]{12}(\.\w+)"), r"\1\2"),  # ManifestStaticFilesStorage
        (re.compile(r"\b[0-9a-f]{32}(\.(?:pdf|jpe?g|png|docx?|xlsx?|odt|ods|zip|txt))\b"), r"<stored-name>\1"),
    )

    def text(self, text: str) -> str:
        for value, label in self.labels.items():
            text = text.replace(value, label)
        for pattern, replacement in self.PATTERNS:
            text = pattern.sub(replacement, text)
        return text


# --- reading one answer -------------------------------------------------------------------------------


class _PdfMemo:
    """WeasyPrint lays out the same HTML once: within a run, documents of the same HTML and
    options are the same bytes. Patched on the class, so that it holds wherever the portal
    renders its PDFs."""

    def __enter__(self):
        from weasyprint import HTML

        self.cls, self.init, self.write = HTML, HTML.__init__, HTML.write_pdf
        memo, init, write = {}, self.init, self.write

        def remembering_init(html, *args, **kwargs):
            html._snapshot_key = (kwargs.get("string"), str(kwargs.get("base_url")), args) \
                if kwargs.get("string") is not None else None
            init(html, *args, **kwargs)

        def remembered_write(html, target=None, *args, **kwargs):
            key = getattr(html, "_snapshot_key", None)
            if key is None or target is not None or args:
                return write(html, target, *args, **kwargs)
            key = (key, repr(sorted(kwargs.items())))
            if key not in memo:
                memo[key] = write(html, None, **kwargs)
            return memo[key]

        HTML.__init__, HTML.write_pdf = remembering_init, remembered_write
        return self

    def __exit__(self, *exc):
        self.cls.__init__, self.cls.write_pdf = self.init, self.write


_PDF_TEXT: dict[str, str] = {}


def pdf_text(content: bytes) -> str:
    digest = hashlib.sha256(content).hexdigest()
    if digest not in _PDF_TEXT:
        _PDF_TEXT[digest] = _read_pdf(content)
    return _PDF_TEXT[digest]


def _read_pdf(content: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(content))
        meta = {k: str(v) for k, v in (reader.metadata or {}).items() if k not in ("/CreationDate", "/ModDate")}
        lines = [f"pdf pages: {len(reader.pages)}"] + [f"pdf meta {k}: {v}" for k, v in sorted(meta.items())]
        for number, page in enumerate(reader.pages, 1):
            lines += [f"--- page {number} ---", page.extract_text() or ""]
        return "\n".join(lines)
    except Exception as error:  # noqa: BLE001 - a PDF pypdf cannot read is written down as such
        return f"pdf unreadable by pypdf ({type(error).__name__}); {len(content)} bytes, " \
               f"sha256 {hashlib.sha256(content).hexdigest()}"


def _body(response, normaliser: Normaliser) -> tuple[str, bool]:
    """The body as text, and whether it is a PDF."""
    kind = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if kind.startswith("application/pdf"):
        return normaliser.text(pdf_text(content)), True
    if kind.startswith(("text/", "application/json", "application/javascript", "application/xml")) or not kind:
        try:
            return normaliser.text(content.decode(response.charset or "utf-8")), False
        except UnicodeDecodeError:
            pass
    return f"{len(content)} bytes, sha256 {hashlib.sha256(content).hexdigest()}", False


def _file_name(label: str) -> str:
    path = label.strip("/").replace("/", "~") or "_root"
    return re.sub(r"[^\w.~<>@=+-]", "_", path) + ".txt"


def snapshot(out: Path, roles: list[tuple[str, str | None]], cases: list[Case], unfilled: list[str], log=None) -> dict:
    """Writes OUTDIR/<role>/<url>.txt and OUTDIR/index.tsv; returns counts."""
    users = get_user_model().objects
    normaliser = Normaliser()
    stats = {"pairs": 0, "pdf": 0, 202: 0, "status": Counter(), "unfilled": unfilled}
    errors = []
    got_request_exception.connect(lambda sender, request, **kw: errors.append(request), weak=False,
                                  dispatch_uid="snapshot_pages")
    client = Client(raise_request_exception=False)
    index = ["role\turl\tstatus\tlocation\tfile"]
    try:
        for role, email in roles:
            (out / role).mkdir(parents=True, exist_ok=True)
            for case in cases:
                errors.clear()
                with transaction.atomic():
                    client.logout()
                    if email:
                        client.force_login(users.get(email=email))
                    response = client.get(case.url)
                    body, is_pdf = _body(response, normaliser)
                    transaction.set_rollback(True)
                label = normaliser.text(case.url)
                location = normaliser.text(response.get("Location", ""))
                head = [f"GET {label}", f"role: {role}", f"pattern: {case.name or '-'}",
                        f"status: {response.status_code}", f"location: {location}",
                        f"content-type: {response.get('Content-Type', '')}",
                        f"content-disposition: {normaliser.text(response.get('Content-Disposition', ''))}"]
                if errors:  # a 500: the exception's type and message (a traceback names lines that move)
                    error = getattr(response, "exc_info", None)
                    head.append(f"exception: {error[0].__name__}: {error[1]}" if error else "exception: raised")
                name = _file_name(label)
                (out / role / name).write_text("\n".join(head) + "\n---\n" + body + "\n", encoding="utf-8")
                index.append(f"{role}\t{label}\t{response.status_code}\t{location}\t{role}/{name}")
                stats["pairs"] += 1
                stats["pdf"] += is_pdf
                stats[202] += response.status_code == 202
                stats["status"][response.status_code] += 1
                if log:
                    log(f"{role} {label} {response.status_code}")
    finally:
        got_request_exception.disconnect(dispatch_uid="snapshot_pages")
    (out / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    (out / "unfilled.tsv").write_text("".join(f"{u}\n" for u in stats["unfilled"]), encoding="utf-8")
    return stats

