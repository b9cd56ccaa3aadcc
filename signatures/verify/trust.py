"""The trust anchors the operator installs (settings.SIGNATURE_TRUST_ANCHORS_DIR, docs/signatures.md)
and the check of one certificate against them: chain, validity at the signing time, revocation by
the CRLs kept in the same directory. Nothing is fetched from the network."""
import asyncio
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator import errors
from pyhanko_certvalidator.policy_decl import CertRevTrustPolicy, RevocationCheckingPolicy, RevocationCheckingRule

from signatures import rules

CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}


@dataclass
class Anchors:
    roots: list[asn1_x509.Certificate]
    crls: list[asn1_crl.CertificateList]

    def crl_for(self, issuer: asn1_x509.Name) -> bool:
        return any(c.issuer == issuer for c in self.crls)


def _blocks(raw: bytes) -> list[bytes]:
    if pem.detect(raw):
        return [der for _kind, _headers, der in pem.unarmor(raw, multiple=True)]
    return [raw]


def load_anchors(directory: str | None = None) -> Anchors:
    """Every certificate (PEM, possibly several in a file, or DER) and every CRL (*.crl) in the directory."""
    root = Path(directory or settings.SIGNATURE_TRUST_ANCHORS_DIR)
    roots, crls = [], []
    if root.is_dir():
        for path in sorted(p for p in root.iterdir() if p.is_file()):
            suffix = path.suffix.lower()
            if suffix == ".crl":
                crls.extend(asn1_crl.CertificateList.load(der) for der in _blocks(path.read_bytes()))
            elif suffix in CERT_SUFFIXES:
                roots.extend(asn1_x509.Certificate.load(der) for der in _blocks(path.read_bytes()))
    return Anchors(roots=roots, crls=crls)


def validation_context(anchors: Anchors, moment: datetime, others=(), *, crl_required: bool = False) -> ValidationContext:
    """Where the operator keeps a CRL of the certificate's issuer, the certificate must be checked
    against it (whether or not it names a distribution point); otherwise revocation is not checked."""
    rule = RevocationCheckingRule.CRL_REQUIRED if crl_required else RevocationCheckingRule.CHECK_IF_DECLARED_SOFT
    policy = CertRevTrustPolicy(RevocationCheckingPolicy(ee_certificate_rule=rule,
                                                         intermediate_ca_cert_rule=RevocationCheckingRule.CHECK_IF_DECLARED_SOFT))
    return ValidationContext(trust_roots=anchors.roots, other_certs=list(others), crls=anchors.crls, moment=moment,
                             allow_fetching=False, revinfo_policy=policy)


@dataclass
class CertificateCheck:
    problem: str  # "" when the chain is good, else a `rules` code
    revocation: str  # "revoked", "checked" (a CRL of its issuer is installed), "not_checked"


def check_certificate(cert: asn1_x509.Certificate, others: list, anchors: Anchors, moment: datetime) -> CertificateCheck:
    revocation = "checked" if anchors.crl_for(cert.issuer) else "not_checked"
    if not anchors.roots:
        return CertificateCheck(rules.UNKNOWN_AUTHORITY, revocation)
    context = validation_context(anchors, moment, others, crl_required=revocation == "checked")
    validator = CertificateValidator(cert, intermediate_certs=list(others), validation_context=context)
    try:
        asyncio.run(validator.async_validate_path())
    except errors.RevokedError:
        return CertificateCheck(rules.REVOKED, "revoked")
    except errors.ExpiredError:
        return CertificateCheck(rules.EXPIRED, revocation)
    except errors.NotYetValidError:
        return CertificateCheck(rules.NOT_YET_VALID, revocation)
    except errors.PathBuildingError:
        return CertificateCheck(rules.UNKNOWN_AUTHORITY, revocation)
    except (errors.PathValidationError, errors.ValidationError, ValueError):
        return CertificateCheck(rules.BAD_CERTIFICATE, revocation)
    return CertificateCheck("", revocation)


def describe(cert: asn1_x509.Certificate) -> dict:
    """What the report and the rules read from a certificate."""
    subject = cert.subject.native
    return {
        "subject": cert.subject.human_friendly,
        "issuer": cert.issuer.human_friendly,
        "serial": format(cert.serial_number, "x"),
        "not_before": cert.not_valid_before.isoformat(),
        "not_after": cert.not_valid_after.isoformat(),
        "name": rules.certificate_name({"given_name": subject.get("given_name", ""),
                                        "surname": subject.get("surname", ""),
                                        "common_name": subject.get("common_name", "")}),
    }
