"""The permission matrix: every URL pattern of the portal × every role, with the answer each
role gets, kept as one table (`MATRIX` below). A URL pattern without a row fails the test, so a
new page cannot ship without saying who may open it; a row whose pattern is gone fails too.

The world is the demo (`load_demo`, built once for this module by `tests_support.matrix`): a
call open for offers, one in the formal check, one in the merit evaluation and one decided,
with a user for every role. The columns, in this order (the table's heading abbreviates them):

    anon            not logged in
    A               applicant of the organisation that owns the object (Fundacja Puszcza
                    Dzieciom, partner@demo.local)
    B               applicant of another organisation (KGW „Leśne Smaki”, kolo@demo.local)
    clerk (clrk)    a clerk of the office (urzednik@)
    member (memb)   a commission member without a conflict on the object (ekspert@: an ordinary
                    seat, role "member"; an expert's advisory voice changes no access)
    conflict (cnfl) the commission member who declared a conflict on the joint offer (czlonek@)
    secretary (secr) the commission's secretary (sekretarz@): follows the progress, reads the
                    protocol and, once the stage is closed, any sheet
    chair (chr)     the commission's chair (przewodniczaca@)
    mayor (mayr)    the authority (burmistrz@)
    admin (admn)    an administrator (admin@: a superuser, who counts as a clerk and as the authority,
                    but holds no seat in any commission)
    other (othr)    an official of ANOTHER authority (obcy@, made by `tests_support.matrix`, not the
                    demo): its clerk, its deciding authority and its officials' administrator at
                    once, and nothing at the demo's authority. It gets 404 for every object of the
                    demo's authority (and its own, empty, lists): no access across authorities

The answers:

    200  the page or document            302  a redirect that is not to the login page
    L    a redirect to the login page    403  forbidden (the clerks' call management)
    404  not found: the portal does not tell that the object exists
    ok   POST rows only: let through by the permission checks (200 with the form's errors, a
         302 after the change, or 400), whatever the outcome; the change is rolled back

A row: `"[POST ]pattern[ (variant)]": (object, "answers in the columns' order")`. GET rows open
the page; POST rows (the views that take nothing else) send an empty form. `object` names what
of the world fills the pattern's arguments (`tests_support.matrix._objects`):

    -            no arguments                open/formal/merit/decided   the call at that stage
    draft        a draft call (a copy)       annulled     a call closed without offers and annulled
    A-org        A's organisation            invitation   an invitation into A's organisation
    A-partner    A's organisation invited (no answer yet) as the partner of another's draft offer
    reset        a valid password-reset link (of oferent@, a user in no column)
    enrolment    a valid two-factor set-up link (of oferent@ too: every column is another account)
    A-draft      A's withdrawn offer in the open call (section "costs", with an attachment)
    A-formal     A's offer in the formal check (version 1; `signed_pk`: a file A uploaded as its
                 signed confirmation, refused as not a signature)
    joint        the joint offer in the merit evaluation: led by another organisation, A and B
                 its partners; the conflict member declared a conflict on it; `sheet_pk` is the
                 secretary's submitted sheet, `declaration_pk` the conflict
    B-merit      B's offer in the merit evaluation (no conflict declared on it)
    A-negotiation  A's offer negotiating a lower grant in the decided call
    decided-sheet  a submitted score sheet of the decided call
    officials      the demo's authority (its officials' page)
    authority-role the demo clerk's role at the demo's authority
    A-contract     the contract of A's funded offer in the decided call: change no. 1 consented
                   (annex), the final report accepted (versions 1 and 2, one attachment)
    authority      the open call's authority and the open call, for its pages under /<authority>/
    other-authority  the second authority of the demo (a Wójt) and the open call, which is not its own
    A-control      A's contract with control no. 1 carried out (a recommendation awaiting A's
                   answer) and return no. 1 demanded after it, not paid

A new page: add its row. `MATRIX_PRINT=1 pytest core/tests/test_permission_matrix.py -k print -s`
prints what each role gets now, as rows, and a guessed row for each pattern without one; copy a
row only after checking that nobody sees what is not theirs.

PDFs: each document's HTML is rendered from its real template and context, but WeasyPrint's
layout of it is skipped here (`tests_support.matrix`), which halves the time; the apps' tests
render the documents themselves.
"""

import pytest
from django.urls import reverse

from tests_support import matrix
from tests_support.matrix import ROLES, answer, pattern_arguments, portal_patterns, request_as

world = matrix.world  # the fixture: the demo, loaded once for this module

pytestmark = pytest.mark.django_db

# Patterns of the framework, not the portal's pages: the only ones without a row.
EXCLUDED = {
    "admin:*": "Django's admin site (staff only, Django's own permission checks)",
    "set_language": "Django's language switch (i18n): no object, no permission involved",
}

# fmt: off
MATRIX = {
    # pattern                                     object             anon A    B    clrk memb cnfl secr chr  mayr admn othr
    # --- public pages and documents ----------------------------------------------------------------------------
    "competition:call_list":                      ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    "competition:call_detail":                    ("open",          "200  200  200  200  200  200  200  200  200  200  200"),
    "competition:call_detail (draft)":            ("draft",         "404  404  404  404  404  404  404  404  404  404  404"),
    "authority:home":                             ("authority",     "200  200  200  200  200  200  200  200  200  200  200"),
    "authority:call_detail":                      ("authority",     "200  200  200  200  200  200  200  200  200  200  200"),
    "authority:call_detail (other)":              ("other-authority", "404  404  404  404  404  404  404  404  404  404  404"),
    "authority:privacy":                          ("authority",     "200  200  200  200  200  200  200  200  200  200  200"),
    "authority:accessibility":                    ("authority",     "200  200  200  200  200  200  200  200  200  200  200"),
    "reports:announcement_pdf":                   ("open",          "200  200  200  200  200  200  200  200  200  200  200"),
    "reports:announcement_pdf (draft)":           ("draft",         "404  404  404  404  404  404  404  404  404  404  404"),
    "reports:annulment_pdf":                      ("annulled",      "200  200  200  200  200  200  200  200  200  200  200"),
    "reports:annulment_pdf (call not annulled)":  ("decided",       "404  404  404  404  404  404  404  404  404  404  404"),
    "reports:formal_results":                     ("merit",         "200  200  200  200  200  200  200  200  200  200  200"),
    "reports:formal_results (check not closed)":  ("formal",        "404  404  404  404  404  404  404  404  404  404  404"),
    "reports:formal_results_pdf":                 ("merit",         "200  200  200  200  200  200  200  200  200  200  200"),
    "reports:results":                            ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "reports:results (not published)":            ("merit",         "404  404  404  404  404  404  404  404  404  404  404"),
    "reports:results (annulled)":                 ("annulled",      "200  200  200  200  200  200  200  200  200  200  200"),
    "reports:results_pdf":                        ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "reports:results_pdf (annulled)":             ("annulled",      "404  404  404  404  404  404  404  404  404  404  404"),
    "reports:ranking_pdf":                        ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "reports:call_archive":                       ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "reports:call_archive (draft)":               ("draft",         "404  404  404  404  404  404  404  404  404  404  404"),
    # --- open data: the API, the feeds and the files (public, read-only) ---------------------------------------
    "opendata:api_calls":                         ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:api_call":                          ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:api_call (draft)":                  ("draft",         "404  404  404  404  404  404  404  404  404  404  404"),
    "opendata:api_call_results":                  ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:api_call_results (not published)":  ("merit",         "404  404  404  404  404  404  404  404  404  404  404"),
    "opendata:api_call_results (draft)":          ("draft",         "404  404  404  404  404  404  404  404  404  404  404"),
    "opendata:api_call_results (annulled)":       ("annulled",      "404  404  404  404  404  404  404  404  404  404  404"),
    "opendata:api_grants":                        ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:api_organisation_grants":           ("A-org",         "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:api_schema":                        ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:api_docs":                          ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:api_not_found":                     ("-",             "404  404  404  404  404  404  404  404  404  404  404"),
    "opendata:feed_announcements":                ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:feed_results":                      ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:results_csv":                       ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:results_csv (not published)":       ("merit",         "404  404  404  404  404  404  404  404  404  404  404"),
    "opendata:results_xlsx":                      ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:results_xlsx (not published)":      ("merit",         "404  404  404  404  404  404  404  404  404  404  404"),
    "opendata:results_json":                      ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:results_json (not published)":      ("merit",         "404  404  404  404  404  404  404  404  404  404  404"),
    "opendata:ranking_csv":                       ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:ranking_csv (not published)":       ("merit",         "404  404  404  404  404  404  404  404  404  404  404"),
    "opendata:ranking_xlsx":                      ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:ranking_xlsx (not published)":      ("merit",         "404  404  404  404  404  404  404  404  404  404  404"),
    "opendata:ranking_json":                      ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:ranking_json (not published)":      ("merit",         "404  404  404  404  404  404  404  404  404  404  404"),
    "opendata:results_csv (draft)":               ("draft",         "404  404  404  404  404  404  404  404  404  404  404"),
    "opendata:results_csv (annulled)":            ("annulled",      "404  404  404  404  404  404  404  404  404  404  404"),
    "opendata:year_csv":                          ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:year_xlsx":                         ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    "opendata:year_json":                         ("decided",       "200  200  200  200  200  200  200  200  200  200  200"),
    # --- accounts ------------------------------------------------------------------------------------------------
    "accounts:login":                             ("-",             "200  302  302  302  302  302  302  302  302  302  302"),
    "POST accounts:logout":                       ("-",             "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok "),
    "accounts:signup":                            ("-",             "200  302  302  302  302  302  302  302  302  302  302"),
    "accounts:profile":                           ("-",             "L    200  200  200  200  200  200  200  200  200  200"),
    "accounts:work":                              ("-",             "L    200  200  200  200  200  200  200  200  200  200"),
    "accounts:notice_list":                       ("-",             "L    200  200  200  200  200  200  200  200  200  200"),
    "accounts:data_export":                       ("-",             "L    200  200  200  200  200  200  200  200  200  200"),
    "accounts:privacy":                           ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    "accounts:session_status":                    ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    "POST accounts:session_extend":               ("-",             "ok   ok   ok   ok   ok   ok   ok   ok   ok   ok  ok"),
    "core:accessibility":                         ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    "core:health":                                ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    "accounts:two_factor":                        ("-",             "L    200  200  200  200  200  200  200  200  200  200"),
    "accounts:two_factor_enrol":                  ("enrolment",     "L    404  404  404  404  404  404  404  404  404  404"),
    "accounts:two_factor_setup":                  ("-",             "L    302  302  302  302  302  302  302  302  302  302"),
    "accounts:enrolment_links":                   ("-",             "L    403  403  403  403  403  403  403  403  200  403"),
    "accounts:password_change":                   ("-",             "L    200  200  200  200  200  200  200  200  200  200"),
    "accounts:password_reset":                    ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    "accounts:password_reset_done":               ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    "accounts:password_reset_confirm":            ("reset",         "302  302  302  302  302  302  302  302  302  302  302"),
    "accounts:password_reset_complete":           ("-",             "200  200  200  200  200  200  200  200  200  200  200"),
    # --- applicants: organisations, offers, attachments, their PDFs ----------------------------------------------
    "offers_dashboard":                           ("-",             "L    200  200  200  200  200  200  200  200  200  200"),
    "offers:organisation_list":                   ("-",             "L    200  200  200  200  200  200  200  200  200  200"),
    "offers:organisation_create":                 ("-",             "L    200  200  200  200  200  200  200  200  200  200"),
    "offers:organisation_detail":                 ("A-org",         "L    200  404  404  404  404  404  404  404  404  404"),
    "offers:organisation_edit":                   ("A-org",         "L    200  404  404  404  404  404  404  404  404  404"),
    "POST offers:organisation_invite":            ("A-org",         "L    ok   404  404  404  404  404  404  404  404  404"),
    "offers:invitation_accept":                   ("invitation",    "L    200  200  200  200  200  200  200  200  200  200"),
    "POST offers:partner_answer":                 ("A-partner",     "L    ok   404  404  404  404  404  404  404  404  404"),
    "offers:offer_list":                          ("-",             "L    200  200  200  200  200  200  200  200  200  200"),
    "offers:offer_create":                        ("open",          "L    200  200  200  200  200  200  200  200  200  200"),
    "offers:offer_create (draft call)":           ("draft",         "L    404  404  404  404  404  404  404  404  404  404"),
    "offers:offer_detail":                        ("A-draft",       "L    200  404  404  404  404  404  404  404  404  404"),
    "offers:offer_detail (joint offer)":          ("joint",         "L    200  200  404  404  404  404  404  404  404  404"),
    "offers:offer_step":                          ("A-draft",       "L    200  404  404  404  404  404  404  404  404  404"),
    "POST offers:offer_submit":                   ("A-draft",       "L    ok   404  404  404  404  404  404  404  404  404"),
    "POST offers:offer_withdraw":                 ("A-draft",       "L    ok   404  404  404  404  404  404  404  404  404"),
    "offers:offer_next_steps":                    ("A-draft",       "L    302  404  404  404  404  404  404  404  404  404"),
    "offer_attachments":                          ("A-draft",       "L    200  404  404  404  404  404  404  404  404  404"),
    "offer_attachment_download":                  ("A-draft",       "L    200  404  404  404  404  404  404  404  404  404"),
    "POST offer_attachment_delete":               ("A-draft",       "L    ok   404  404  404  404  404  404  404  404  404"),
    "reports:offer_draft_pdf":                    ("A-draft",       "L    200  404  404  404  404  404  404  404  404  404"),
    "reports:offer_version_pdf":                  ("A-formal",      "L    200  404  404  404  404  404  404  404  404  404"),
    "reports:offer_confirmation_pdf":             ("A-formal",      "L    200  404  404  404  404  404  404  404  404  404"),
    "signatures:upload":                          ("A-formal",      "L    200  404  404  404  404  404  404  404  404  404"),
    "signatures:signed_file":                     ("A-formal",      "L    200  404  200  404  404  404  404  404  200  404"),
    "signatures:report_pdf":                      ("A-formal",      "L    200  404  200  404  404  404  404  404  200  404"),
    # --- clerks: calls and the outbox (403: the pages exist, the role is missing) ---------------------------------
    "competition:manage_list":                    ("-",             "L    403  403  200  403  403  403  403  403  200  200"),
    "competition:manage_create":                  ("-",             "L    403  403  200  403  403  403  403  403  200  200"),
    "competition:manage_detail":                  ("open",          "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_detail (draft)":          ("draft",         "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_basics":                  ("open",          "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_actions":                 ("open",          "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_indicators":              ("open",          "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_zones":                   ("open",          "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_lpr":                     ("open",          "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_formal":                  ("open",          "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_merit":                   ("open",          "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_merit_parts":             ("open",          "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_rules":                   ("open",          "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_validate":                ("open",          "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_history":                 ("open",          "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_commission":              ("merit",         "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_publication":             ("decided",       "L    403  403  200  403  403  403  403  403  200  404"),
    "competition:manage_publication_edit":        ("decided",       "L    403  403  200  403  403  403  403  403  200  404"),
    "POST competition:manage_publication_remove": ("decided",       "L    403  403  ok   403  403  403  403  403  ok   404"),
    "POST competition:manage_transition":         ("open",          "L    403  403  ok   403  403  403  403  403  ok   404"),
    "POST competition:manage_copy":               ("open",          "L    403  403  ok   403  403  403  403  403  ok   404"),
    "notifications:outbox_list":                  ("-",             "L    403  403  200  403  403  403  403  403  200  200"),
    # --- an authority's officials: its administrator only (404 for everybody else, another authority's too) -------
    "authorities:official_list":                  ("officials",     "L    404  404  404  404  404  404  404  404  200  404"),
    "POST authorities:official_remove":           ("authority-role", "L    404  404  404  404  404  404  404  404  ok   404"),
    # --- clerks: the formal check (404 for everybody else, the anonymous included) --------------------------------
    "reports:offer_audit":                        ("A-formal",      "404  404  404  200  404  404  404  404  404  200  404"),
    "evaluation:formal_overview":                 ("formal",        "404  404  404  200  404  404  404  404  404  200  404"),
    "evaluation:formal_history":                  ("formal",        "404  404  404  200  404  404  404  404  404  200  404"),
    "POST evaluation:formal_start":               ("formal",        "404  404  404  ok   404  404  404  404  404  ok   404"),
    "POST evaluation:formal_close":               ("formal",        "404  404  404  ok   404  404  404  404  404  ok   404"),
    "POST evaluation:call_annul":                 ("formal",        "404  404  404  ok   404  404  404  404  404  ok   404"),
    "evaluation:receipt_record":                  ("A-formal",      "404  404  404  200  404  404  404  404  404  200  404"),
    "POST evaluation:receipt_void":               ("A-formal",      "404  404  404  ok   404  404  404  404  404  ok   404"),
    "evaluation:sheet":                           ("A-formal",      "404  404  404  200  404  404  404  404  404  200  404"),
    "POST evaluation:sheet_confirm":              ("A-formal",      "404  404  404  ok   404  404  404  404  404  ok   404"),
    "POST evaluation:sheet_approve":              ("A-formal",      "404  404  404  ok   404  404  404  404  404  ok   404"),
    "POST evaluation:sheet_reopen":               ("A-formal",      "404  404  404  ok   404  404  404  404  404  ok   404"),
    "POST evaluation:sheet_return_for_correction": ("A-formal",     "404  404  404  ok   404  404  404  404  404  ok   404"),
    "evaluation:offer_pdf":                       ("A-formal",      "404  404  404  200  404  404  404  404  404  200  404"),
    # --- the commission: a member's screens (404 without a seat; the conflict's offer 404 to its member) ---------
    "commission:home":                            ("-",             "L    404  404  404  200  200  200  200  404  404  404"),
    "commission:offers":                          ("merit",         "L    404  404  404  200  200  200  200  404  404  404"),
    "commission:declare_many":                    ("merit",         "L    404  404  404  200  200  200  200  404  404  404"),
    "commission:declare":                         ("joint",         "L    404  404  404  200  200  200  200  404  404  404"),
    "commission:sheet":                           ("joint",         "L    404  404  404  200  404  200  200  404  404  404"),
    "commission:sheet (offer without conflict)":  ("B-merit",       "L    404  404  404  200  200  200  200  404  404  404"),
    "commission:offer_pdf":                       ("joint",         "L    404  404  404  200  404  200  200  404  404  404"),
    "merit_pdf:sheet":                            ("joint",         "404  404  404  404  200  404  200  200  404  404  404"),
    # --- the commission: the chair's screens and the documents of stage II ---------------------------------------
    "chair:progress":                             ("merit",         "404  404  404  200  404  404  200  200  404  200  404"),
    "chair:history":                              ("merit",         "404  404  404  200  404  404  200  200  404  200  404"),
    "POST chair:conflict_lift":                   ("joint",         "404  404  404  404  404  404  404  ok   404  404  404"),
    "POST chair:sheet_reopen":                    ("joint",         "404  404  404  404  404  404  404  ok   404  404  404"),
    "POST chair:close":                           ("merit",         "404  404  404  404  404  404  404  ok   404  404  404"),
    "chair:results":                              ("decided",       "404  404  404  200  200  200  200  200  200  200  404"),
    "chair:results (not closed yet)":             ("merit",         "404  404  404  404  404  404  404  404  404  404  404"),
    "merit_pdf:any_sheet":                        ("joint",         "404  404  404  404  404  404  404  200  404  404  404"),
    "merit_pdf:any_sheet (after closing)":        ("decided-sheet", "404  404  404  200  404  404  200  200  404  200  404"),
    "merit_pdf:summary":                          ("decided",       "404  404  404  200  200  200  200  200  200  200  404"),
    "merit_pdf:summary (before closing)":         ("merit",         "404  404  404  404  404  404  404  200  404  404  404"),
    "merit_pdf:protocol":                         ("decided",       "404  404  404  200  404  404  200  200  404  200  404"),
    # --- the decision, lower grants, re-allocation (clerks prepare and publish, the authority decides) ----------------
    "awards:decision_list":                       ("-",             "404  404  404  200  404  404  404  404  200  200  200"),
    "awards:decision":                            ("decided",       "404  404  404  200  404  404  404  404  200  200  404"),
    "awards:history":                             ("decided",       "404  404  404  200  404  404  404  404  200  200  404"),
    "POST awards:propose":                        ("decided",       "404  404  404  ok   404  404  404  404  404  ok   404"),
    "POST awards:publish":                        ("decided",       "404  404  404  ok   404  404  404  404  404  ok   404"),
    "POST awards:amounts":                        ("decided",       "404  404  404  404  404  404  404  404  ok   ok   404"),
    "POST awards:lock":                           ("decided",       "404  404  404  404  404  404  404  404  ok   ok   404"),
    "POST awards:correct":                        ("decided",       "404  404  404  404  404  404  404  404  ok   ok   404"),
    "negotiation:reallocation":                   ("decided",       "404  404  404  200  404  404  404  404  200  200  404"),
    "POST negotiation:reallocation_confirm":      ("decided",       "404  404  404  404  404  404  404  404  ok   ok   404"),
    "POST negotiation:withdraw":                  ("A-negotiation", "404  ok   404  404  404  404  404  404  404  404  404"),
    "negotiation:award_withdraw":                 ("A-negotiation", "404  200  404  404  404  404  404  404  404  404  404"),
    "negotiation:negotiation_extend":             ("A-negotiation", "404  404  404  200  404  404  404  404  404  200  404"),
    "contracts:dashboard":                        ("-",             "L    200  200  200  200  200  200  200  200  200  200"),
    "contracts:contract":                         ("A-contract",    "404  200  404  200  404  404  404  404  200  200  404"),
    "contracts:contract_pdf":                     ("A-contract",    "404  200  404  200  404  404  404  404  200  200  404"),
    "contracts:change_new":                       ("A-contract",    "404  200  404  404  404  404  404  404  404  404  404"),
    "contracts:terminate":                        ("A-contract",    "404  404  404  200  404  404  404  404  200  200  404"),
    "contracts:change":                           ("A-contract",    "404  200  404  200  404  404  404  404  200  200  404"),
    "POST contracts:change_decide":               ("A-contract",    "404  404  404  ok   404  404  404  404  ok   ok   404"),
    "contracts:annex_pdf":                        ("A-contract",    "404  200  404  200  404  404  404  404  200  200  404"),
    "contracts:call_contracts":                   ("decided",       "404  404  404  200  404  404  404  404  200  200  404"),
    "contracts:contract_new":                     ("A-contract",    "404  404  404  302  404  404  404  404  404  302  404"),
    "controls:contract_controls":                 ("A-control",    "404  200  404  200  404  404  404  404  200  200  404"),
    "controls:control_new":                       ("A-control",    "404  404  404  200  404  404  404  404  404  200  404"),
    "controls:control":                           ("A-control",    "404  200  404  200  404  404  404  404  200  200  404"),
    "POST controls:control_record":               ("A-control",    "404  404  404  ok   404  404  404  404  404  ok  404"),
    "POST controls:control_answer":               ("A-control",    "404  ok   404  404  404  404  404  404  404  404  404"),
    "POST controls:control_close":                ("A-control",    "404  404  404  ok   404  404  404  404  404  ok  404"),
    "controls:protocol_pdf":                      ("A-control",    "404  200  404  200  404  404  404  404  200  200  404"),
    "controls:return_new":                        ("A-control",    "404  404  404  200  404  404  404  404  404  200  404"),
    "POST controls:return_paid":                  ("A-control",    "404  404  404  ok   404  404  404  404  404  ok  404"),
    "controls:demand_pdf":                        ("A-control",    "404  200  404  200  404  404  404  404  200  200  404"),
    "controls:call_controls":                     ("decided",      "404  404  404  200  404  404  404  404  200  200  404"),
    "final_report:report":                        ("A-contract",    "404  200  404  200  404  404  404  404  200  200  404"),
    "POST final_report:report":                   ("A-contract",    "404  ok   404  404  404  404  404  404  404  404  404"),
    "POST final_report:review":                   ("A-contract",    "404  404  404  ok   404  404  404  404  404  ok   404"),
    "final_report:pdf":                           ("A-contract",    "404  200  404  200  404  404  404  404  200  200  404"),
    "final_report:attachment":                    ("A-contract",    "404  200  404  200  404  404  404  404  200  200  404"),
    "POST final_report:attachment_add":           ("A-contract",    "404  ok   404  404  404  404  404  404  404  404  404"),
    # the partial report of the first budget year: A's task runs into the next year, so one is owed;
    # nobody has started it (no version, no attachment, nothing to review yet)
    "final_report:partial_report":                ("A-contract",    "404  200  404  200  404  404  404  404  200  200  404"),
    "POST final_report:partial_report":           ("A-contract",    "404  ok   404  404  404  404  404  404  404  404  404"),
    "POST final_report:partial_review":           ("A-contract",    "404  404  404  404  404  404  404  404  404  404  404"),
    "final_report:partial_pdf":                   ("A-contract",    "404  404  404  404  404  404  404  404  404  404  404"),
    "final_report:partial_attachment":            ("A-contract",    "404  404  404  404  404  404  404  404  404  404  404"),
    "POST final_report:partial_attachment_add":   ("A-contract",    "404  ok   404  404  404  404  404  404  404  404  404"),
}
# fmt: on


ANSWERS = {"200", "302", "403", "404", "405", "L", "ok"}


def _row(key: str) -> tuple[str, str, str, dict[str, str]]:
    """(method, pattern name, object, {role: expected answer}) of a row."""
    words = key.split()
    method = "POST" if words[0] == "POST" else "GET"
    name = words[1] if method == "POST" else words[0]
    obj, answers = MATRIX[key]
    expected = answers.split()
    assert len(expected) == len(ROLES), f"{key}: {len(expected)} answers for {len(ROLES)} roles"
    assert set(expected) <= ANSWERS, f"{key}: unknown answers {set(expected) - ANSWERS}"
    assert method == "POST" or "ok" not in expected, f"{key}: ok is for POST rows; a GET row says 200 or 302"
    return method, name, obj, dict(zip(ROLES, expected))


def _matches(name: str, rule: str) -> bool:
    return name == rule or (rule.endswith(":*") and name.startswith(rule[:-1]))


def _excluded(name: str) -> bool:
    return any(_matches(name, rule) for rule in EXCLUDED)


def test_every_url_pattern_has_a_row_and_every_row_a_pattern():
    patterns = set(portal_patterns())
    rows = {_row(key)[1] for key in MATRIX}
    missing = sorted(name for name in patterns - rows if not _excluded(name))
    assert not missing, f"URL patterns without a row in the permission matrix: {missing}"
    stale = sorted(rows - patterns)
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"
    unused = sorted(rule for rule in EXCLUDED if not any(_matches(name, rule) for name in patterns))
    assert not unused, f"exclusions for URL patterns that no longer exist: {unused}"


def _url(name: str, obj: str, world: dict) -> str:
    arguments = world[obj]
    needed = pattern_arguments().get(name)
    assert needed is not None, f"no URL pattern is named {name!r} any more: remove or rename its row"
    absent = needed - set(arguments)
    assert not absent, f"object {obj!r} gives no {sorted(absent)} for {name}"
    return reverse(name, kwargs={key: arguments[key] for key in needed})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", list(MATRIX))
def test_each_role_gets_the_expected_answer(client, world, key, role):
    method, name, obj, expected = _row(key)
    url = _url(name, obj, world)
    given = answer(request_as(client, role, method, url), method)
    assert given == expected[role], f"{method} {url} as {role}: {expected[role]} expected, {given} given"


# --- for whoever adds a page --------------------------------------------------------------------------


def _printed(key: str, obj: str, given: list[str], note: str = "") -> str:
    pattern, thing = f'"{key}":', f'"{obj}",'
    answers = "  ".join(f"{g:<3}" for g in given)
    return f'    {pattern:<46}({thing:<16} "{answers}"),{note}'


def _guess_row(client, name: str, world: dict) -> tuple[str, str, list[str]] | None:
    """(method, object, answers) for a pattern without a row: of the objects that fill its
    arguments, the one fewest roles get 404 for; POST when a GET is answered 405."""
    guesses = []
    for obj, arguments in world.items():
        if not pattern_arguments()[name] <= set(arguments):
            continue
        url = _url(name, obj, world)
        given = [answer(request_as(client, role, "GET", url), "GET") for role in ROLES]
        method = "POST" if "405" in given else "GET"
        if method == "POST":
            given = [answer(request_as(client, role, "POST", url), "POST") for role in ROLES]
        guesses.append((given.count("404"), method, obj, given))
    return min(guesses)[1:] if guesses else None


def test_print_observed_rows(client, world):
    """Every row as the roles answer it now (marked where it differs from the table), then a
    guessed row for every pattern without one: check each answer before copying it."""
    for key in MATRIX:
        method, name, obj, expected = _row(key)
        if name not in pattern_arguments():
            print(f"    # {key}: no such URL pattern any more")
            continue
        url = _url(name, obj, world)
        given = [answer(request_as(client, role, method, url), method) for role in ROLES]
        print(_printed(key, obj, given, "" if given == list(expected.values()) else "  # differs"))
    rows = {_row(key)[1] for key in MATRIX}
    for name in sorted(name for name in set(portal_patterns()) - rows if not _excluded(name)):
        guess = _guess_row(client, name, world)
        if guess is None:
            print(f"    # {name}: no object of the world fills {sorted(pattern_arguments()[name])}")
            continue
        method, obj, given = guess
        print(_printed(f"{method} {name}" if method == "POST" else name, obj, given, "  # new: check the object"))
