"""The permission matrix: every URL pattern of the portal × every role, with the answer each
role gets, as one table. A URL pattern without a row fails the test, so a new page cannot
ship without saying who may open it.

The world is the demo (`load_demo`): four calls at four stages, the users of every role.
Roles (columns, in this order):

    anon     not logged in
    A        applicant of the organisation that owns the object (Fundacja Puszcza Dzieciom,
             partner@demo.local)
    B        applicant of another organisation (KGW „Leśne Smaki”, kolo@demo.local)
    clerk    a clerk of the office
    member   a commission member without a conflict on the object (the secretary)
    conflict the commission member who declared a conflict on the object (czlonek@demo.local)
    chair    the chair of the commission
    mayor    the Mayor
    admin    an administrator

Answers: 200; 202 (a document being prepared); 302 (a redirect, e.g. after a POST); L (a
redirect to the login page); 403; 404; 405 (method not allowed for that method). POST rows
send an empty form: an allowed role gets the form back with its errors (200) or is
redirected (302); nothing they do is kept (each request is rolled back).

Objects: `A-open` is A's withdrawn offer in the open call, `A-formal` its offer in the formal
check, `joint` the joint offer in the merit evaluation (A is a partner, the conflict member
declared a conflict on it), `A-negotiation` A's offer negotiating a lower grant in the
decided call.

A new page: add its row. `MATRIX_PRINT=1 pytest core/tests/test_permission_matrix.py -s` prints
what each role gets; copy a line only after checking that nobody sees what is not theirs.
"""
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

ROLES = ("anon", "A", "B", "clerk", "member", "conflict", "chair", "mayor", "admin")
USERS = {"A": "partner@demo.local", "B": "kolo@demo.local", "clerk": "urzednik@demo.local",
         "member": "sekretarz@demo.local", "conflict": "czlonek@demo.local", "chair": "przewodniczaca@demo.local",
         "mayor": "burmistrz@demo.local", "admin": "admin@demo.local"}

OPEN, FORMAL, MERIT, DECIDED = ("hajnowka-2019-rewitalizacja", "hajnowka-2019-ocena-formalna",
                                "hajnowka-2019-ocena-merytoryczna", "hajnowka-2019-rozstrzygniety")

# Patterns of the framework, not the portal's pages.
EXCLUDED = {
    "set_language": "Django's language switch (POST, no permission involved)",
    "accounts:password_reset_confirm": "needs a token mailed to the user; tested in accounts/tests",
}

# name: (method, arguments, "anon A B clerk member conflict chair mayor admin")
MATRIX = {
    # --- public --------------------------------------------------------------------------------------
    "competition:call_detail": ("GET", {"slug": OPEN}, "200 200 200 200 200 200 200 200 200"),
    "competition:call_list": ("GET", {}, "200 200 200 200 200 200 200 200 200"),
    "reports:announcement_pdf": ("GET", {"slug": OPEN}, "200 200 200 200 200 200 200 200 200"),
    "reports:annulment_pdf": ("GET", {"slug": DECIDED}, "404 404 404 404 404 404 404 404 404"),
    "reports:formal_results": ("GET", {"slug": MERIT}, "200 200 200 200 200 200 200 200 200"),
    "reports:formal_results_pdf": ("GET", {"slug": MERIT}, "200 200 200 200 200 200 200 200 200"),
    "reports:ranking_pdf": ("GET", {"slug": DECIDED}, "200 200 200 200 200 200 200 200 200"),
    "reports:results": ("GET", {"slug": DECIDED}, "200 200 200 200 200 200 200 200 200"),
    "reports:results_pdf": ("GET", {"slug": DECIDED}, "200 200 200 200 200 200 200 200 200"),
    # --- accounts ------------------------------------------------------------------------------------
    "accounts:login": ("GET", {}, "200 302 302 302 302 302 302 302 302"),
    "accounts:logout": ("POST", {}, "302 302 302 302 302 302 302 302 302"),
    "accounts:notice_list": ("GET", {}, "L 200 200 200 200 200 200 200 200"),
    "accounts:password_change": ("GET", {}, "L 200 200 200 200 200 200 200 200"),
    "accounts:password_reset": ("GET", {}, "200 200 200 200 200 200 200 200 200"),
    "accounts:password_reset_complete": ("GET", {}, "200 200 200 200 200 200 200 200 200"),
    "accounts:password_reset_done": ("GET", {}, "200 200 200 200 200 200 200 200 200"),
    "accounts:profile": ("GET", {}, "L 200 200 200 200 200 200 200 200"),
    "accounts:data_export": ("GET", {}, "L 200 200 200 200 200 200 200 200"),
    "accounts:privacy": ("GET", {}, "200 200 200 200 200 200 200 200 200"),
    "accounts:signup": ("GET", {}, "200 302 302 302 302 302 302 302 302"),
    # --- applicants: organisations, offers, attachments, their PDFs ----------------------------------
    "offer_attachment_delete": ("POST", {"pk": "A-open", "attachment_id": "attachment"}, "L 302 404 404 404 404 404 404 404"),
    "offer_attachment_download": ("GET", {"pk": "A-open", "attachment_id": "attachment"}, "L 200 404 404 404 404 404 404 404"),
    "offer_attachments": ("GET", {"pk": "A-open"}, "L 200 404 404 404 404 404 404 404"),
    "offers:invitation_accept": ("GET", {"token": "no-such-token"}, "L 404 404 404 404 404 404 404 404"),
    "offers:offer_create": ("GET", {"slug": OPEN}, "L 200 200 200 200 200 200 200 200"),
    "offers:offer_detail": ("GET", {"pk": "A-open"}, "L 200 404 404 404 404 404 404 404"),
    "offers:offer_list": ("GET", {}, "L 200 200 200 200 200 200 200 200"),
    "offers:offer_step": ("GET", {"pk": "A-open", "section": "costs"}, "L 200 404 404 404 404 404 404 404"),
    "offers:offer_submit": ("POST", {"pk": "A-open"}, "L 302 404 404 404 404 404 404 404"),
    "offers:offer_withdraw": ("POST", {"pk": "A-open"}, "L 302 404 404 404 404 404 404 404"),
    "offers:organisation_create": ("GET", {}, "L 200 200 200 200 200 200 200 200"),
    "offers:organisation_detail": ("GET", {"pk": "A-org"}, "L 200 404 404 404 404 404 404 404"),
    "offers:organisation_edit": ("GET", {"pk": "A-org"}, "L 200 404 404 404 404 404 404 404"),
    "offers:organisation_invite": ("POST", {"pk": "A-org"}, "L 200 404 404 404 404 404 404 404"),
    "offers:organisation_list": ("GET", {}, "L 200 200 200 200 200 200 200 200"),
    "offers_dashboard": ("GET", {}, "L 200 200 200 200 200 200 200 200"),
    "reports:offer_confirmation_pdf": ("GET", {"pk": "A-formal", "number": 1}, "L 200 404 404 404 404 404 404 404"),
    "reports:offer_draft_pdf": ("GET", {"pk": "A-open"}, "L 200 404 404 404 404 404 404 404"),
    "reports:offer_version_pdf": ("GET", {"pk": "A-formal", "number": 1}, "L 200 404 404 404 404 404 404 404"),
    # --- clerks: calls -------------------------------------------------------------------------------
    "competition:manage_actions": ("GET", {"slug": OPEN}, "L 403 403 200 403 403 403 403 200"),
    "competition:manage_basics": ("GET", {"slug": OPEN}, "L 403 403 200 403 403 403 403 200"),
    "competition:manage_commission": ("GET", {"slug": MERIT}, "L 403 403 200 403 403 403 403 200"),
    "competition:manage_copy": ("POST", {"slug": OPEN}, "L 403 403 302 403 403 403 403 302"),
    "competition:manage_create": ("GET", {}, "L 403 403 200 403 403 403 403 200"),
    "competition:manage_detail": ("GET", {"slug": OPEN}, "L 403 403 200 403 403 403 403 200"),
    "competition:manage_formal": ("GET", {"slug": OPEN}, "L 403 403 200 403 403 403 403 200"),
    "competition:manage_history": ("GET", {"slug": OPEN}, "L 403 403 200 403 403 403 403 200"),
    "competition:manage_indicators": ("GET", {"slug": OPEN, "action_pk": "action"}, "L 403 403 200 403 403 403 403 200"),
    "competition:manage_list": ("GET", {}, "L 403 403 200 403 403 403 403 200"),
    "competition:manage_lpr": ("GET", {"slug": OPEN}, "L 403 403 200 403 403 403 403 200"),
    "competition:manage_merit": ("GET", {"slug": OPEN}, "L 403 403 200 403 403 403 403 200"),
    "competition:manage_merit_parts": ("GET", {"slug": OPEN, "criterion_pk": "criterion"}, "L 403 403 200 403 403 403 403 200"),
    "competition:manage_transition": ("POST", {"slug": OPEN}, "L 403 403 302 403 403 403 403 302"),
    "competition:manage_validate": ("GET", {"slug": OPEN}, "L 403 403 200 403 403 403 403 200"),
    "competition:manage_zones": ("GET", {"slug": OPEN}, "L 403 403 200 403 403 403 403 200"),
    # --- clerks: the formal check --------------------------------------------------------------------
    "evaluation:call_annul": ("POST", {"slug": FORMAL}, "404 404 404 200 404 404 404 404 200"),
    "evaluation:formal_close": ("POST", {"slug": FORMAL}, "404 404 404 302 404 404 404 404 302"),
    "evaluation:formal_history": ("GET", {"slug": FORMAL}, "404 404 404 200 404 404 404 404 200"),
    "evaluation:formal_overview": ("GET", {"slug": FORMAL}, "404 404 404 200 404 404 404 404 200"),
    "evaluation:formal_start": ("POST", {"slug": FORMAL}, "404 404 404 302 404 404 404 404 302"),
    "evaluation:offer_pdf": ("GET", {"slug": FORMAL, "offer_pk": "A-formal", "number": 1}, "404 404 404 200 404 404 404 404 200"),
    "evaluation:receipt_record": ("POST", {"slug": FORMAL, "offer_pk": "A-formal"}, "404 404 404 200 404 404 404 404 200"),
    "evaluation:sheet": ("GET", {"slug": FORMAL, "offer_pk": "A-formal"}, "404 404 404 200 404 404 404 404 200"),
    "evaluation:sheet_approve": ("POST", {"slug": FORMAL, "offer_pk": "A-formal"}, "404 404 404 200 404 404 404 404 200"),
    "evaluation:sheet_confirm": ("POST", {"slug": FORMAL, "offer_pk": "A-formal"}, "404 404 404 302 404 404 404 404 302"),
    "evaluation:sheet_reopen": ("POST", {"slug": FORMAL, "offer_pk": "A-formal"}, "404 404 404 200 404 404 404 404 200"),
    "evaluation:sheet_return_for_correction": ("POST", {"slug": FORMAL, "offer_pk": "A-formal"}, "404 404 404 200 404 404 404 404 200"),
    # --- the commission ------------------------------------------------------------------------------
    "chair:close": ("POST", {"slug": MERIT}, "404 404 404 404 404 404 200 404 404"),
    "chair:conflict_lift": ("POST", {"slug": MERIT, "declaration_pk": "conflict-declaration"}, "404 404 404 404 404 404 200 404 404"),
    "chair:history": ("GET", {"slug": MERIT}, "404 404 404 200 200 404 200 404 200"),
    "chair:progress": ("GET", {"slug": MERIT}, "404 404 404 200 200 404 200 404 200"),
    "chair:results": ("GET", {"slug": DECIDED}, "404 404 404 200 200 200 200 200 200"),
    "chair:sheet_reopen": ("POST", {"slug": MERIT, "sheet_pk": "sheet"}, "404 404 404 404 404 404 200 404 404"),
    "commission:declare": ("POST", {"slug": MERIT, "offer_pk": "joint"}, "L 404 404 404 200 302 200 404 404"),
    "commission:declare_many": ("POST", {"slug": MERIT}, "L 404 404 404 200 200 200 404 404"),
    "commission:home": ("GET", {}, "L 404 404 404 200 200 200 404 404"),
    "commission:offer_pdf": ("GET", {"slug": MERIT, "offer_pk": "joint"}, "L 404 404 404 200 404 200 404 404"),
    "commission:offers": ("GET", {"slug": MERIT}, "L 404 404 404 200 200 200 404 404"),
    "commission:sheet": ("GET", {"slug": MERIT, "offer_pk": "joint"}, "L 404 404 404 200 404 200 404 404"),
    "merit_pdf:any_sheet": ("GET", {"slug": MERIT, "sheet_pk": "sheet"}, "404 404 404 404 404 404 200 404 404"),
    "merit_pdf:protocol": ("GET", {"slug": DECIDED}, "404 404 404 200 200 404 200 404 200"),
    "merit_pdf:sheet": ("GET", {"slug": MERIT, "offer_pk": "joint"}, "404 404 404 404 200 404 200 404 404"),
    "merit_pdf:summary": ("GET", {"slug": DECIDED}, "404 404 404 200 200 200 200 200 200"),
    # --- the decision, lower grants, re-allocation ---------------------------------------------------
    "awards:amounts": ("POST", {"slug": DECIDED}, "404 404 404 404 404 404 404 200 200"),
    "awards:correct": ("POST", {"slug": DECIDED}, "404 404 404 404 404 404 404 200 200"),
    "awards:decision": ("GET", {"slug": DECIDED}, "404 404 404 200 404 404 404 200 200"),
    "awards:decision_list": ("GET", {}, "404 404 404 200 404 404 404 200 200"),
    "awards:history": ("GET", {"slug": DECIDED}, "404 404 404 200 404 404 404 200 200"),
    "awards:lock": ("POST", {"slug": DECIDED}, "404 404 404 404 404 404 404 200 200"),
    "awards:propose": ("POST", {"slug": DECIDED}, "404 404 404 200 404 404 404 404 200"),
    "awards:publish": ("POST", {"slug": DECIDED}, "404 404 404 200 404 404 404 404 200"),
    "negotiation:reallocation": ("GET", {"slug": DECIDED}, "404 404 404 200 404 404 404 200 200"),
    "negotiation:reallocation_confirm": ("POST", {"slug": DECIDED}, "404 404 404 404 404 404 404 200 200"),
    "negotiation:withdraw": ("POST", {"pk": "A-negotiation"}, "404 302 404 404 404 404 404 404 404"),
    # --- the outbox ----------------------------------------------------------------------------------
    "notifications:outbox_list": ("GET", {}, "L 403 403 200 403 403 403 403 200"),
}


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from _walk(pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
        elif isinstance(pattern, URLPattern):
            yield namespace + (pattern.name or str(pattern.pattern))


def test_every_url_pattern_has_a_row_and_every_row_a_pattern():
    names = set(_walk(get_resolver().url_patterns))
    missing = sorted(names - set(MATRIX) - set(EXCLUDED))
    assert not missing, f"URL patterns without a row in the permission matrix: {missing}"
    stale = sorted(set(MATRIX) - names)
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo, plus an attachment on A's offer in the open call."""
    from offers import attachments
    from offers.models import Offer

    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        a_open = Offer.objects.get(call__slug=OPEN, organisation__email="puszcza@demo.local")
        pdf = SimpleUploadedFile("statut.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                                 content_type="application/pdf")
        attachments.attachment_add(offer=a_open, upload=pdf, description="Statut",
                                   by=User.objects.get(email=USERS["A"]))
        yield _objects()
        call_command("flush", interactive=False, verbosity=0)


def _objects() -> dict:
    from evaluation.models import Declaration, ScoreSheet
    from offers.models import Offer

    a = "puszcza@demo.local"
    a_open = Offer.objects.get(call__slug=OPEN, organisation__email=a)
    joint = Offer.objects.get(call__slug=MERIT, number="001")
    version = Offer.objects.get(call__slug=FORMAL, organisation__email=a).versions.get(number=1)
    return {
        "A-open": a_open.pk, "attachment": a_open.attachments.get().pk,
        "A-formal": version.offer_id,
        "joint": joint.pk,
        "conflict-declaration": Declaration.objects.get(offer=joint, conflict=True).pk,
        "sheet": ScoreSheet.objects.filter(offer=joint, state=ScoreSheet.State.SUBMITTED).first().pk,
        "A-negotiation": Offer.objects.get(call__slug=DECIDED, state=Offer.State.NEGOTIATION).pk,
        "action": a_open.call.actions.first().pk,
        "criterion": a_open.call.merit_criteria.first().pk,
        "A-org": a_open.organisation_id,
    }


def _resolve(arguments: dict, objects: dict) -> dict:
    return {key: objects[value] if isinstance(value, str) and value in objects else value
            for key, value in arguments.items()}


def _answer(response) -> str:
    if response.status_code == 302 and "/accounts/login/" in response.url:
        return "L"
    return str(response.status_code)


def _observe(client, method: str, url: str) -> list[str]:
    answers = []
    for role in ROLES:
        client.logout()
        if role != "anon":
            client.force_login(User.objects.get(email=USERS[role]))
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, {})
            transaction.set_rollback(True)  # whatever an allowed role did is not kept
        answers.append(_answer(response))
    return answers


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_expected_answer(client, world, name):
    method, arguments, expected = MATRIX[name]
    url = reverse(name, kwargs=_resolve(arguments, world))
    observed = _observe(client, method, url)
    if os.environ.get("MATRIX_PRINT"):
        print(f'\nROW {name!r}: ("{method}", {arguments!r}, "{" ".join(observed)}"),')
    table = dict(zip(ROLES, expected.split()))
    wrong = {role: f"{table[role]} expected, {got} given" for role, got in zip(ROLES, observed) if table[role] != got}
    assert not wrong, f"{method} {url}: {wrong}"
