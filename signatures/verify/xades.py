"""An XML signature (XAdES, as qualified-signature tools and the trusted profile make it):
detached (a reference to the confirmation's file, whose digest must be the confirmation's) or
enveloping (the confirmation, base64, inside ds:Object). Several ds:Signature elements in one
file are several signatures. signxml checks each signature's digests and value with the
certificate it carries; `trust` checks the certificate."""
import base64
import logging
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from lxml import etree
from signxml import XMLVerifier
from signxml.exceptions import InvalidDigest, InvalidInput, InvalidSignature, SignXMLException
from signxml.verifier import SignatureConfiguration
from signxml.xades import XAdESSignatureConfiguration, XAdESVerifier

from signatures import rules
from signatures.verify import trust
from signatures.verify.common import error, signature_entry

log = logging.getLogger(__name__)

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
DIGESTS = {"http://www.w3.org/2001/04/xmlenc#sha256": "sha256", "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
           "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384"}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=False)


def inspect(data: bytes, result: dict, *, expected: bytes, anchors: trust.Anchors, uploaded_at: datetime) -> None:
    try:
        root = etree.fromstring(data, parser=PARSER)
    except etree.XMLSyntaxError:
        return
    elements = [root] if root.tag == f"{{{DS}}}Signature" else list(root.iter(f"{{{DS}}}Signature"))
    for element in elements:
        entry = _one(element, result, expected=expected, anchors=anchors, uploaded_at=uploaded_at)
        if entry:
            result["signatures"].append(entry)


def _certificates(element) -> list[asn1_x509.Certificate]:
    out = []
    for node in element.iterfind(f"{{{DS}}}KeyInfo//{{{DS}}}X509Certificate"):
        try:
            out.append(asn1_x509.Certificate.load(base64.b64decode("".join((node.text or "").split()))))
        except ValueError:
            continue
    return out


def _external(element) -> list[tuple[str, bytes]]:
    """The detached references: to a file, not to an element of this signature."""
    out = []
    for ref in element.iterfind(f"{{{DS}}}SignedInfo/{{{DS}}}Reference"):
        if not (ref.get("URI") or "").startswith("#") and ref.get("URI"):
            alg = DIGESTS.get(ref.find(f"{{{DS}}}DigestMethod").get("Algorithm"), "")
            out.append((alg, base64.b64decode(ref.findtext(f"{{{DS}}}DigestValue") or "")))
    return out


def _verify(element, cert, expected: bytes):
    references = len(element.findall(f"{{{DS}}}SignedInfo/{{{DS}}}Reference"))
    standalone = etree.tostring(element)
    der = cert.dump()
    from cryptography import x509 as crypto_x509

    crypto_cert = crypto_x509.load_der_x509_certificate(der)
    # signxml checks only the signature here; the certificate's validity and chain are `trust`'s,
    # judged at the signing time, so an expired certificate is named as such rather than as a bad signature
    when = crypto_cert.not_valid_before_utc
    if element.find(f".//{{{XADES}}}SignedProperties") is not None:
        config = XAdESSignatureConfiguration(expect_references=references, verification_time=when)
        return XAdESVerifier().verify(standalone, x509_cert=crypto_cert, uri_resolver=lambda uri: expected,
                                      expect_config=config)
    config = SignatureConfiguration(expect_references=references, verification_time=when)
    results = XMLVerifier().verify(standalone, x509_cert=crypto_cert, uri_resolver=lambda uri: expected,
                                   expect_config=config)
    return results if isinstance(results, list) else [results]


def _content(results) -> bytes | None:
    """What the signature covers: the enveloped file, or (for a detached one) the confirmation itself."""
    for res in results:
        xml = res.signed_xml
        if xml is not None and xml.tag == f"{{{DS}}}Object":
            try:
                return base64.b64decode("".join((xml.text or "").split()), validate=True)
            except ValueError:
                return b""
    return None


def _one(element, result: dict, *, expected: bytes, anchors: trust.Anchors, uploaded_at: datetime) -> dict | None:
    certs = _certificates(element)
    if not certs:
        result["errors"].append(error(rules.NOT_SIGNATURE))
        return None
    cert, others = certs[0], certs[1:]
    external = _external(element)
    intact, covers = True, False
    try:
        results = _verify(element, cert, expected)
        content = _content(results)
        covers = bool(external) or content == expected
        if not covers:
            result["_content"] = content if content is not None else b""
    except InvalidDigest:
        if external:  # the file it refers to is not this confirmation: which one, if any, is found later
            result["_content"] = external[0]
        else:
            intact = False
    except (InvalidSignature, InvalidInput, SignXMLException, ValueError):
        log.info("XAdES verification failed", exc_info=True)
        intact = False
    result["covers"] = covers if not result["signatures"] else result["covers"] and covers
    if not intact and not any(e["code"] == rules.TAMPERED for e in result["errors"]):
        result["errors"].append(error(rules.TAMPERED))
    return signature_entry(cert, others, anchors, intact=intact, signed_at=uploaded_at, source="upload",
                           claimed_at=_claimed(element))


def _claimed(element) -> datetime | None:
    """The signing time the signer's tool states (xades:SigningTime): shown, never relied on."""
    text = element.findtext(f".//{{{XADES}}}SigningTime")
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00")) if text else None
    except ValueError:
        return None
