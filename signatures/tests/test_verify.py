"""Verification of real signatures made in the test by a test CA: PAdES (pyHanko) and XAdES
(signxml), good and every kind of bad input the brief names."""
from datetime import datetime, timedelta, timezone

import pytest

from signatures import rules
from signatures.tests.pki import pades_sign, xades_enveloping, xmldsig_detached
from signatures.verify import inspect_file, load_anchors

NOW = datetime.now(timezone.utc)
PDF = b"%PDF-1.7\n"  # replaced by a real confirmation in the tests that need one


def _inspect(data, expected, others=None):
    return inspect_file(data, expected=expected, others=lambda: others or {}, anchors=load_anchors(),
                        uploaded_at=NOW)


def _codes(result):
    return [e["code"] for e in result["errors"]] + [s["problem"] for s in result["signatures"] if s["problem"]]


@pytest.fixture(scope="module")
def confirmation():
    """A real PDF as WeasyPrint makes it (the portal's confirmations are made the same way)."""
    from core.pdf.render import html_to_pdf

    return html_to_pdf("<html lang='pl'><body><h1>Potwierdzenie złożenia oferty</h1><p>Kod wpisu: 001/2/2b2b2b2b</p></body></html>")


@pytest.fixture(scope="module")
def other_confirmation():
    from core.pdf.render import html_to_pdf

    return html_to_pdf("<html lang='pl'><body><h1>Potwierdzenie złożenia oferty</h1><p>Kod wpisu: 001/1/1a1a1a1a</p></body></html>")


def test_a_signed_pdf_by_a_trusted_certificate_covers_the_confirmation(anchors, people, confirmation):
    result = _inspect(pades_sign(confirmation, people["anna"]), confirmation)
    assert result["kind"] == "pades" and result["covers"] and result["errors"] == []
    [sig] = result["signatures"]
    assert sig["name"] == "Anna Kowalska" and sig["intact"] and sig["problem"] == ""
    assert sig["revocation"] == "checked" and sig["time_source"] == "upload"
    assert "Test Qualified CA" in sig["issuer"]


def test_a_signed_timestamp_gives_the_signing_time(anchors, authority, people, confirmation):
    """Signed before the deadline, uploaded after it: the trusted timestamp is the signing time."""
    stamped_at = NOW - timedelta(hours=5)
    data = pades_sign(confirmation, people["anna"], tsa=authority.tsa(), stamped_at=stamped_at)
    [sig] = _inspect(data, confirmation)["signatures"]
    assert sig["time_source"] == "timestamp"
    assert datetime.fromisoformat(sig["signed_at"]) == stamped_at.replace(microsecond=0) or \
        abs(datetime.fromisoformat(sig["signed_at"]) - stamped_at) < timedelta(seconds=1)


def test_a_timestamp_from_an_untrusted_authority_is_not_relied_on(anchors, people, confirmation):
    from signatures.tests.pki import Authority

    data = pades_sign(confirmation, people["anna"], tsa=Authority("Rogue").tsa(), stamped_at=NOW - timedelta(days=9))
    [sig] = _inspect(data, confirmation)["signatures"]
    assert sig["time_source"] == "upload" and sig["signed_at"] == NOW.isoformat()


def test_two_signatures_on_one_pdf_are_both_read(anchors, people, confirmation):
    once = pades_sign(confirmation, people["anna"])
    result = _inspect(pades_sign(once, people["jan"], field_name="Signature2"), confirmation)
    assert [s["name"] for s in result["signatures"]] == ["Anna Kowalska", "Jan Nowak"]
    assert _codes(result) == []


def test_xades_enveloping_with_two_signatures_in_one_file(anchors, people, confirmation):
    result = _inspect(xades_enveloping(confirmation, people["anna"], people["jan"]), confirmation)
    assert result["kind"] == "xades" and result["covers"] and _codes(result) == []
    assert [s["name"] for s in result["signatures"]] == ["Anna Kowalska", "Jan Nowak"]


def test_detached_xml_signature_over_the_confirmation(anchors, people, confirmation):
    result = _inspect(xmldsig_detached(confirmation, people["jan"]), confirmation)
    assert result["covers"] and _codes(result) == []
    assert result["signatures"][0]["name"] == "Jan Nowak"


SUMS = {1: "1a1a1a1a" + "0" * 56, 3: "3c3c3c3c" + "0" * 56}


@pytest.mark.parametrize("make", ["pades", "xades"])
def test_a_signature_over_another_version_is_named(anchors, people, confirmation, other_confirmation, make):
    sign = {"pades": pades_sign, "xades": xades_enveloping}[make]
    result = _inspect(sign(other_confirmation, people["anna"]), confirmation, others=SUMS)
    assert _codes(result) == [rules.OTHER_VERSION] and result["other_version"] == 1
    assert not result["covers"]


def test_a_detached_signature_over_another_file_is_refused(anchors, people, confirmation, other_confirmation):
    """A detached signature holds only the digest of what it signed: the version cannot be named."""
    result = _inspect(xmldsig_detached(other_confirmation, people["anna"]), confirmation, others=SUMS)
    assert _codes(result) == [rules.NOT_THIS_CONFIRMATION] and not result["covers"]


def test_a_signature_over_some_other_document(anchors, people, confirmation, other_confirmation):
    result = _inspect(pades_sign(other_confirmation, people["anna"]), confirmation)
    assert _codes(result) == [rules.NOT_THIS_CONFIRMATION]


def test_a_tampered_pdf_is_refused(anchors, people, confirmation):
    signed = bytearray(pades_sign(confirmation, people["anna"]))
    signed[len(confirmation) // 2] ^= 0x01  # one bit inside the signed confirmation
    result = _inspect(bytes(signed), confirmation)
    assert rules.TAMPERED in _codes(result)


def test_a_tampered_xml_signature_is_refused(anchors, people, confirmation):
    data = xades_enveloping(confirmation, people["anna"]).decode()
    start = data.index('Id="object">') + len('Id="object">')
    tampered = data[:start] + ("A" if data[start] != "A" else "B") + data[start + 1:]
    result = _inspect(tampered.encode(), confirmation)
    assert rules.TAMPERED in _codes(result)


@pytest.mark.parametrize(("who", "code"), [("expired", rules.EXPIRED), ("revoked", rules.REVOKED),
                                           ("unknown", rules.UNKNOWN_AUTHORITY)])
def test_certificate_problems(anchors, people, confirmation, who, code):
    for data in (pades_sign(confirmation, people[who]), xades_enveloping(confirmation, people[who])):
        result = _inspect(data, confirmation)
        assert result["covers"]
        assert _codes(result) == [code]


def test_without_trust_anchors_no_authority_is_trusted(settings, tmp_path, people, confirmation):
    settings.SIGNATURE_TRUST_ANCHORS_DIR = str(tmp_path / "none")
    result = _inspect(pades_sign(confirmation, people["anna"]), confirmation)
    assert _codes(result) == [rules.UNKNOWN_AUTHORITY]


@pytest.mark.parametrize("data", [b"", b"hello", b"\x89PNG\r\n\x1a\n....", b"<html><body>no</body></html>",
                                  b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"])
def test_a_file_that_is_not_a_signature(anchors, confirmation, data):
    result = _inspect(data, confirmation)
    assert result["kind"] == "unknown" and _codes(result) == [rules.NOT_SIGNATURE]


def test_an_unsigned_pdf_is_not_a_signature(anchors, confirmation):
    result = _inspect(confirmation, confirmation)
    assert _codes(result) == [rules.NOT_SIGNATURE]
