"""Which authority a request belongs to (`request.authority`, else None).

Two ways in (docs/deploy.md, "Many authorities on one installation"):
- the address: every URL with an `authority` part (`/<slug>/...`) belongs to that authority; an
  unknown slug answers 404 before the view runs;
- the host: a request whose Host is an authority's own domain (`Authority.domain`) belongs to it,
  and its home page `/` is that authority's page (`competition.views.authority`).

The portal's own hosts (`PORTAL_HOSTS`) are never looked up, so the ordinary pages pay no query;
the domains of the other hosts are read once and kept for `DOMAINS_TTL` seconds in each process
(a saved authority empties the copy of the process that saved it)."""
import time

from django.conf import settings
from django.shortcuts import get_object_or_404

from authorities.models import Authority
from authorities.rules import normal_domain

DOMAINS_TTL = 60
_domains: dict = {"at": None, "map": {}}


def forget_domains(**kwargs) -> None:
    """Drop this process's copy of the domains (an authority was saved or deleted)."""
    _domains["at"] = None


def _domain_map() -> dict[str, int]:
    now = time.monotonic()
    if _domains["at"] is None or now - _domains["at"] > DOMAINS_TTL:
        _domains["map"] = dict(Authority.objects.exclude(domain="").values_list("domain", "pk"))
        _domains["at"] = now
    return _domains["map"]


def host_authority_pk(host: str) -> int | None:
    """The authority whose own domain `host` is (without port), or None for the portal's own hosts."""
    name = normal_domain(host.rsplit(":", 1)[0] if not host.endswith("]") else host)
    if name in settings.PORTAL_HOSTS:
        return None
    return _domain_map().get(name)


class AuthorityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.authority = None
        request.authority_domain = False
        pk = host_authority_pk(request.get_host())
        if pk is not None:
            request.authority = Authority.objects.filter(pk=pk).first()
            request.authority_domain = request.authority is not None
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("authority")
        if slug is None:
            return None
        if request.authority is not None and request.authority.slug == slug:
            return None
        request.authority = get_object_or_404(Authority, slug=slug)  # an unknown slug: 404
        return None
