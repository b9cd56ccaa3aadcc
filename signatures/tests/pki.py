"""A test certificate authority made in the test: a root, persons' certificates (valid, expired,
revoked, from an unknown authority), a CRL, and signing of PDFs (pyHanko) and XML (signxml).
Nothing reaches the network."""
import base64
import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOW = datetime.now(timezone.utc)


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Person:
    key: object
    cert: x509.Certificate
    ca: "Authority"


@dataclass
class Authority:
    name: str
    key: object = field(default_factory=_key)
    cert: x509.Certificate | None = None
    revoked: list[int] = field(default_factory=list)

    def __post_init__(self):
        subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "PL"),
                             x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test PKI"),
                             x509.NameAttribute(NameOID.COMMON_NAME, self.name)])
        self.cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                     .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(NOW - timedelta(days=3650)).not_valid_after(NOW + timedelta(days=3650))
                     .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                     .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                                  key_encipherment=False, data_encipherment=False, key_agreement=False,
                                                  key_cert_sign=True, crl_sign=True, encipher_only=False,
                                                  decipher_only=False), critical=True)
                     .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False)
                     .sign(self.key, hashes.SHA256()))

    def tsa(self) -> Person:
        """A time-stamping authority's certificate (extended key usage timeStamping, critical)."""
        key = _key()
        cert = (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{self.name} TSA")]))
                .issuer_name(self.cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(NOW - timedelta(days=30)).not_valid_after(NOW + timedelta(days=700))
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                               critical=False)
                .sign(self.key, hashes.SHA256()))
        return Person(key=key, cert=cert, ca=self)

    def person(self, given: str, surname: str, *, expired: bool = False, cn: bool = True) -> Person:
        key = _key()
        names = [x509.NameAttribute(NameOID.COUNTRY_NAME, "PL"),
                 x509.NameAttribute(NameOID.GIVEN_NAME, given), x509.NameAttribute(NameOID.SURNAME, surname)]
        if cn:
            names.append(x509.NameAttribute(NameOID.COMMON_NAME, f"{given} {surname}"))
        start, end = (NOW - timedelta(days=800), NOW - timedelta(days=400)) if expired else \
            (NOW - timedelta(days=30), NOW + timedelta(days=700))
        cert = (x509.CertificateBuilder().subject_name(x509.Name(names)).issuer_name(self.cert.subject)
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(start).not_valid_after(end)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                             key_encipherment=False, data_encipherment=False, key_agreement=False,
                                             key_cert_sign=False, crl_sign=False, encipher_only=False,
                                             decipher_only=False), critical=True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                               critical=False)
                .sign(self.key, hashes.SHA256()))
        return Person(key=key, cert=cert, ca=self)

    def revoke(self, person: Person) -> None:
        self.revoked.append(person.cert.serial_number)

    def crl_der(self) -> bytes:
        builder = (x509.CertificateRevocationListBuilder().issuer_name(self.cert.subject)
                   .last_update(NOW - timedelta(days=1)).next_update(NOW + timedelta(days=30))
                   .add_extension(x509.CRLNumber(1), critical=False)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                                  critical=False))
        for serial in self.revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial)
                .revocation_date(NOW - timedelta(days=2)).build())
        return builder.sign(self.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _pem_key(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def pades_sign(pdf: bytes, person: Person, *, field_name: str = "Signature1", tsa: Person | None = None,
               stamped_at: datetime | None = None) -> bytes:
    """`pdf` signed by `person` as an incremental update (pyHanko), as a signing tool does; in a
    thread of its own, as pyHanko runs an event loop and a browser test's driver already runs one."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_pades_sign, pdf, person, field_name, tsa, stamped_at).result()


def _pades_sign(pdf: bytes, person: Person, field_name: str, tsa: Person | None, stamped_at) -> bytes:
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der = lambda c: c.public_bytes(serialization.Encoding.DER)  # noqa: E731
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(der(person.cert)),
        signing_key=asn1_keys.PrivateKeyInfo.load(person.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore.from_certs([asn1_x509.Certificate.load(der(person.ca.cert))]),
    )
    stamper = None
    if tsa is not None:  # a signed timestamp (RFC 3161) inside the signature, as a qualified TSA gives
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        stamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(der(tsa.cert)),
            tsa_key=asn1_keys.PrivateKeyInfo.load(tsa.key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
            certs_to_embed=SimpleCertificateStore.from_certs([asn1_x509.Certificate.load(der(tsa.ca.cert))]),
            fixed_dt=stamped_at)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = io.BytesIO()
    signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name=field_name), signer=signer, output=out,
                     timestamper=stamper)
    return out.getvalue()


def xades_enveloping(content: bytes, *people: Person) -> bytes:
    """An enveloping XAdES signature per person (the file base64 inside ds:Object), all in one XML file."""
    from lxml import etree
    from signxml import methods
    from signxml.xades import XAdESSigner

    root = etree.Element("Podpisy")
    for person in people:
        signer = XAdESSigner(method=methods.enveloping)
        signed = signer.sign(base64.b64encode(content).decode(), key=_pem_key(person.key),
                             cert=[person.cert.public_bytes(serialization.Encoding.PEM).decode()])
        root.append(signed)
    if len(people) == 1:
        root = root[0]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def xmldsig_detached(content: bytes, person: Person, *, uri: str = "potwierdzenie.pdf") -> bytes:
    """A detached XML signature over a file named `uri` (its SHA-256 in the reference), built by hand
    as signing tools build it: SignedInfo canonicalised and signed with RSA-SHA256."""
    import hashlib

    from cryptography.hazmat.primitives.asymmetric import padding
    from lxml import etree

    ds = "http://www.w3.org/2000/09/xmldsig#"
    q = lambda tag: f"{{{ds}}}{tag}"  # noqa: E731
    signature = etree.Element(q("Signature"), nsmap={"ds": ds})
    info = etree.SubElement(signature, q("SignedInfo"))
    etree.SubElement(info, q("CanonicalizationMethod"), Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315")
    etree.SubElement(info, q("SignatureMethod"), Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
    ref = etree.SubElement(info, q("Reference"), URI=uri)
    etree.SubElement(ref, q("DigestMethod"), Algorithm="http://www.w3.org/2001/04/xmlenc#sha256")
    etree.SubElement(ref, q("DigestValue")).text = base64.b64encode(hashlib.sha256(content).digest()).decode()
    value = person.key.sign(etree.tostring(info, method="c14n"), padding.PKCS1v15(), hashes.SHA256())
    etree.SubElement(signature, q("SignatureValue")).text = base64.b64encode(value).decode()
    data = etree.SubElement(etree.SubElement(signature, q("KeyInfo")), q("X509Data"))
    etree.SubElement(data, q("X509Certificate")).text = base64.b64encode(
        person.cert.public_bytes(serialization.Encoding.DER)).decode()
    return etree.tostring(signature, xml_declaration=True, encoding="UTF-8")
