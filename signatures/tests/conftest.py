import pytest
from cryptography.hazmat.primitives import serialization

from offers.documents import confirmation_pdf_bytes
from signatures.tests.pki import Authority
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer


@pytest.fixture(scope="session")
def authority():
    return Authority("Test Qualified CA")


@pytest.fixture(scope="session")
def people(authority):
    """The representatives the factories name (Anna Kowalska, Jan Nowak) and others."""
    stranger_ca = Authority("Unknown CA")
    revoked = authority.person("Anna", "Kowalska")
    authority.revoke(revoked)
    return {
        "anna": authority.person("Anna", "Kowalska"),
        "jan": authority.person("Jan", "Nowak"),
        "piotr": authority.person("Piotr", "Zieliński"),
        "expired": authority.person("Anna", "Kowalska", expired=True),
        "revoked": revoked,
        "unknown": stranger_ca.person("Anna", "Kowalska"),
    }


@pytest.fixture
def anchors(settings, tmp_path, authority, people):
    """The operator's trust anchors: the test CA and its CRL, nothing else."""
    directory = tmp_path / "trust"
    directory.mkdir()
    (directory / "test-ca.pem").write_bytes(authority.pem())
    (directory / "test-ca.crl").write_bytes(authority.crl_der())
    settings.SIGNATURE_TRUST_ANCHORS_DIR = str(directory)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return directory


@pytest.fixture
def member(db):
    return MembershipFactory(organisation__legal_form="association")


@pytest.fixture
def submitted(reference_call, member):
    """A submitted offer (version 1) of the reference call, with the PDF of its confirmation."""
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)
    version = offer.versions.get()
    return offer, version, confirmation_pdf_bytes(version)


def pem(person) -> bytes:
    return person.cert.public_bytes(serialization.Encoding.PEM)
