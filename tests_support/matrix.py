"""The world of the permission matrix (core/tests/test_permission_matrix.py): the demo with a
user per role, the objects the rows name, and how one role's request is made and read.

The demo is loaded once per test module and committed (each test's own transaction is rolled
back, so whatever an allowed POST changes is gone before the next test); the database is
flushed when the module is done. Uploads go to a temporary MEDIA_ROOT.
"""
import contextlib
import io
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User

ROLES = ("anon", "A", "B", "clerk", "member", "conflict", "secretary", "chair", "mayor", "admin", "other")
USERS = {
    "A": "partner@demo.local",
    "B": "kolo@demo.local",
    "clerk": "urzednik@demo.local",
    "member": "ekspert@demo.local",
    "conflict": "czlonek@demo.local",
    "secretary": "sekretarz@demo.local",
    "chair": "przewodniczaca@demo.local",
    "mayor": "burmistrz@demo.local",
    "admin": "admin@demo.local",
    "other": "obcy@demo.local",  # every official's role at another authority (made here, not in the demo)
}
OTHER_AUTHORITY = "wojt-gminy-obcej"

OPEN = "hajnowka-2019-rewitalizacja"
FORMAL = "hajnowka-2019-ocena-formalna"
MERIT = "hajnowka-2019-ocena-merytoryczna"
DECIDED = "hajnowka-2019-rozstrzygniety"
A_ORGANISATION = "puszcza@demo.local"
B_ORGANISATION = "kgw@demo.local"

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- the URL patterns --------------------------------------------------------------------------------


def _walk(patterns, namespace: str = "", arguments: frozenset = frozenset()):
    for pattern in patterns:
        own = arguments | _arguments_of(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner, own)
        elif isinstance(pattern, URLPattern):
            yield namespace + (pattern.name or str(pattern.pattern)), own


def _arguments_of(pattern) -> frozenset:
    converters = getattr(pattern, "converters", None)
    if converters is not None:  # a path() route
        return frozenset(converters)
    return frozenset(pattern.regex.groupindex)  # a re_path()


def portal_patterns() -> list[str]:
    """Every URL pattern's full name ("namespace:name"), as the root URLconf includes them."""
    return [name for name, _arguments in _walk(get_resolver().url_patterns)]


def pattern_arguments() -> dict[str, frozenset]:
    """The keyword arguments each named pattern takes."""
    return dict(_walk(get_resolver().url_patterns))


# --- the world ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo and the objects the rows name: {object name: URL arguments it can fill}."""
    with (django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))),
          _without_pdf_layout()):
        try:
            call_command("load_demo", stdout=io.StringIO())
            yield _objects()
        finally:
            call_command("flush", interactive=False, verbosity=0)


def _without_pdf_layout():
    """Every document's HTML is still rendered from its template with what the role may see;
    only WeasyPrint's layout of it into a PDF is skipped (half of this module's time otherwise;
    the documents themselves are tested with their apps)."""
    stack = contextlib.ExitStack()
    for module in ("core.pdf.render", "core.pdf.cache"):  # the cache imported the function by name
        stack.enter_context(mock.patch(f"{module}.html_to_pdf", side_effect=_pdf_stub))
    return stack


def _pdf_stub(html: str) -> bytes:
    return b"%PDF-1.7\n% layout skipped by the permission matrix\n" + html.encode()[:200]


def _objects() -> dict[str, dict]:
    from accounts.services import enrolment_link_issue
    from competition import services as call_services
    from competition.models import Call
    from contracts.models import Contract
    from evaluation.models import Declaration, ScoreSheet
    from offers import attachments
    from offers.models import Offer
    from organisations import services as organisations
    from organisations.models import Organisation
    from signatures import services as signed_services

    a_user = User.objects.get(email=USERS["A"])
    lead = User.objects.get(email="oferent@demo.local")  # no role's column: its logins would void the link
    a_org = Organisation.objects.get(email=A_ORGANISATION)
    open_call = Call.objects.get(slug=OPEN)
    a_draft = Offer.objects.get(call=open_call, organisation=a_org)
    attachments.attachment_add(offer=a_draft, by=a_user, description="Statut",
                               upload=SimpleUploadedFile("statut.pdf", PDF, content_type="application/pdf"))
    invitation = organisations.invitation_create(organisation=a_org, email="nowy.czlonek@demo.local", by=a_user)
    a_partner = _partner_invitation(lead, a_org, open_call)
    a_formal = Offer.objects.get(call__slug=FORMAL, organisation=a_org)
    joint = Offer.objects.filter(call__slug=MERIT, partners__organisation=a_org).distinct().get()
    b_merit = Offer.objects.get(call__slug=MERIT, organisation__email=B_ORGANISATION)
    a_negotiation = Offer.objects.get(call__slug=DECIDED, state=Offer.State.NEGOTIATION)
    assert a_negotiation.organisation_id == a_org.pk
    secretary_sheet = ScoreSheet.objects.get(offer=joint, member__user__email=USERS["secretary"],
                                             state=ScoreSheet.State.SUBMITTED)
    conflict = Declaration.objects.get(offer=joint, member__user__email=USERS["conflict"], conflict=True)
    a_contract = Contract.objects.get(offer__call__slug=DECIDED, offer__organisation=a_org)
    decided_sheet = ScoreSheet.objects.filter(offer__call__slug=DECIDED, state=ScoreSheet.State.SUBMITTED).first()
    clerk = User.objects.get(email=USERS["clerk"])
    _other_authority_official()
    demo_authority = open_call.authority
    demo_role = demo_authority.roles.get(user=clerk, role="clerk")
    draft = call_services.call_copy(call=open_call, by=clerk)
    signed = signed_services.signed_confirmation_upload(  # a refused file: kept on record like an accepted one
        offer=a_formal, version=a_formal.versions.get(number=1), by=a_user,
        upload=SimpleUploadedFile("podpis.xml", b"<not-a-signature/>", content_type="application/xml"))
    return {
        "-": {},
        "open": {"slug": OPEN, "action_pk": open_call.actions.first().pk,
                 "criterion_pk": open_call.merit_criteria.first().pk},
        "formal": {"slug": FORMAL},
        "merit": {"slug": MERIT},
        "decided": {"slug": DECIDED, "year": Call.objects.get(slug=DECIDED).decision.order_date.year,
                    # an entry of its publication record (demo.publication)
                    "entry_pk": Call.objects.get(slug=DECIDED).publications.order_by("pk").values_list("pk", flat=True)[0]},
        "draft": {"slug": draft.slug},
        "annulled": {"slug": _annulled_call(clerk).slug},
        "A-org": {"pk": a_org.pk},
        "invitation": {"token": invitation.token},
        "enrolment": {"token": enrolment_link_issue(user=lead, channel="command")},  # nobody's in the columns
        "A-partner": {"pk": a_partner.pk},
        "reset": {"uidb64": urlsafe_base64_encode(force_bytes(lead.pk)),
                  "token": default_token_generator.make_token(lead)},
        "A-draft": {"slug": OPEN, "pk": a_draft.pk, "section": "costs",
                    "attachment_id": a_draft.attachments.get().pk},
        "A-formal": {"slug": FORMAL, "pk": a_formal.pk, "offer_pk": a_formal.pk, "number": 1,
                     "receipt_pk": a_formal.receipts.order_by("pk").values_list("pk", flat=True).first(),
                 "signed_pk": signed.pk},
        "joint": {"slug": MERIT, "pk": joint.pk, "offer_pk": joint.pk, "number": 1,
                  "sheet_pk": secretary_sheet.pk, "declaration_pk": conflict.pk},
        "B-merit": {"slug": MERIT, "pk": b_merit.pk, "offer_pk": b_merit.pk},
        "A-negotiation": {"slug": DECIDED, "pk": a_negotiation.pk, "offer_pk": a_negotiation.pk},
        "decided-sheet": {"slug": DECIDED, "sheet_pk": decided_sheet.pk},
        "officials": {"slug": demo_authority.slug},
        "authority-role": {"slug": demo_authority.slug, "pk": demo_role.pk},  # the demo clerk's role
        "A-contract": {"slug": DECIDED, "pk": a_contract.pk, "offer_pk": a_contract.offer_id, "number": 1,
                       "attachment_id": a_contract.report.attachments.get().pk,
                       "year": a_contract.start_date.year},
        # the open call under its authority's address (/<authority>/calls/<slug>/), and under the
        # second authority's (demo.second_authority), where it is not found
        "authority": {"authority": open_call.authority.slug, "slug": OPEN},
        "other-authority": {"authority": "wojt-gminy-kamienna-struga", "slug": OPEN},
        "A-control": _control(a_contract, clerk),
    }


def _other_authority_official():
    """Another authority with one official who holds every role there (clerk, decider and the
    administrator of its officials), and nothing at the demo's authority."""
    from authorities.models import Authority
    from authorities.services import role_grant

    other = Authority.objects.create(
        slug=OTHER_AUTHORITY, kind=Authority.Kind.WOJT, name="Wójt Gminy Obcej", name_genitive="Wójta Gminy Obcej",
        municipality="Gmina Obca", seat="Obca", office_name="Urząd Gminy Obcej")
    user = User.objects.create_user(email=USERS["other"], password="obcy-haslo-123", full_name="Olaf Obcy")
    for role in ("clerk", "decider", "authority_admin"):
        role_grant(authority=other, user=user, role=role)


def _partner_invitation(lead, a_org, open_call):
    """A's organisation invited (not yet answered) as the partner of another organisation's draft."""
    from offers import services
    from offers.models import OfferPartner
    from organisations.models import Organisation

    lead_org = Organisation.objects.filter(memberships__user=lead).exclude(pk=a_org.pk).order_by("pk").first()
    offer = services.offer_create(call=open_call, organisation=lead_org, by=lead, title="Zaproszenie A")
    services.offer_set_partners(offer=offer, by=lead, revision=None, partners=[(a_org, "partner")])
    return OfferPartner.all_objects.get(offer=offer, organisation=a_org)


def _annulled_call(clerk):
    """A copy of the reference call announced 40 days ago, closed without a single offer and
    annulled (art. 18a), as the clerk would have done it."""
    from competition import services
    from competition.models import Call
    from demo import REFERENCE_ANNOUNCED, reference_document
    from evaluation.formal import services as formal

    announced = timezone.now() - timedelta(days=40)
    doc = services.shift_dates(reference_document(), timezone.localdate(announced) - REFERENCE_ANNOUNCED)
    doc.update(slug="hajnowka-2019-uniewazniony", title=doc["title"] + " (unieważniony)")
    call = services.call_publish(call=services.call_import(document=doc, by=clerk), by=clerk, now=announced)
    closed = call.submission_deadline + timedelta(minutes=1)
    call = services.call_transition(call=call, to=Call.State.SUBMISSION_CLOSED, by=clerk, now=closed)
    return formal.call_annul(call=call, by=clerk, reason="Nie złożono żadnej oferty.", now=closed)


# --- one request -------------------------------------------------------------------------------------


def request_as(client, role: str, method: str, url: str):
    """The response to `role`; an allowed POST sends an empty form and nothing it does is kept."""
    with transaction.atomic():  # the login too: it sets last_login, which a reset link depends on
        client.logout()
        if role != "anon":
            client.force_login(User.objects.get(email=USERS[role]))
        response = client.post(url, {}) if method == "POST" else client.get(url)
        transaction.set_rollback(True)
    return response


def answer(response, method: str) -> str:
    """The answer as the matrix writes it: L for the login page, ok for a POST let through."""
    status = response.status_code
    if status == 302 and response.url.startswith(reverse("accounts:login")):
        return "L"
    if method == "POST" and status in (200, 302, 400):
        return "ok"
    return str(status)


def _control(contract, clerk) -> dict:
    """A control of A's contract carried out with a recommendation awaiting the answer, and a
    return of the grant demanded after it (controls)."""
    from datetime import timedelta

    from django.utils import timezone

    from controls import services as controls

    today = timezone.localdate()
    control = controls.control_plan(contract=contract, by=clerk, scope=["use"], starts_on=contract.signed_on,
                                    ends_on=today, place="Siedziba", controllers="Kontroler")
    control = controls.control_record(control=control, by=clerk, carried_out_on=today, findings="Uchybienie.",
                                      recommendations="Poprawić.", answer_due=today + timedelta(days=14))
    grant_return = controls.return_demand(contract=contract, by=clerk, kind="excess", amount=contract.grant_total / 10,
                                          reason="Nadwyżka.", found_on=today, control=control)
    return {"slug": DECIDED, "pk": contract.pk, "number": control.number, "return_number": grant_return.number}
