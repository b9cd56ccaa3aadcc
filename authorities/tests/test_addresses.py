"""An authority's addresses: its slug under the portal's root, its own domain."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver

from authorities import rules
from tests_support.factories import AuthorityFactory


def _first_segments(patterns, prefix=""):
    for pattern in patterns:
        text = prefix + str(pattern.pattern).lstrip("^")
        if isinstance(pattern, URLResolver):
            yield from _first_segments(pattern.url_patterns, text)
        elif isinstance(pattern, URLPattern):
            first = text.split("/", 1)[0]
            if first and "<" not in first and not first.startswith("("):
                yield first.rstrip("$")


def test_every_first_path_segment_of_the_portal_is_reserved():
    segments = {s for s in _first_segments(get_resolver().url_patterns) if "." not in s}
    assert segments - rules.RESERVED_SLUGS == set()


@pytest.mark.parametrize("slug", ["calls", "manage", "admin", "deklaracja-dostepnosci"])
def test_a_reserved_slug_is_refused_with_the_rule_named(db, slug):
    authority = AuthorityFactory.build(slug=slug)
    with pytest.raises(ValidationError) as raised:
        authority.full_clean()
    assert "adresów portalu" in " ".join(raised.value.message_dict["slug"])


@pytest.mark.parametrize("domain, ok", [
    ("konkursy.gmina.pl", True), ("KONKURSY.gmina.pl.", True), ("https://konkursy.gmina.pl", False),
    ("konkursy.gmina.pl/oferty", False), ("localhost", False), ("konkursy gmina.pl", False), ("a..pl", False),
])
def test_domain_problem(domain, ok):
    assert (rules.domain_problem(domain) is None) is ok


def test_the_domain_is_stored_as_the_host_header_carries_it(db):
    authority = AuthorityFactory(domain=" Konkursy.Gmina.PL. ")
    authority.refresh_from_db()
    assert authority.domain == "konkursy.gmina.pl"


def test_two_authorities_cannot_share_a_domain_but_many_have_none(db):
    AuthorityFactory(domain="konkursy.gmina.pl")
    AuthorityFactory(slug="inny", name="Burmistrz Miasta Inne", name_genitive="Burmistrza Miasta Inne")
    AuthorityFactory(slug="trzeci", name="Burmistrz Miasta Trzecie", name_genitive="Burmistrza Miasta Trzecie")
    other = AuthorityFactory.build(slug="czwarty", name="Burmistrz Miasta Czwarte",
                                   name_genitive="Burmistrza Miasta Czwarte", domain="konkursy.gmina.pl")
    with pytest.raises(ValidationError):
        other.full_clean()
