"""Each authority's public pages under its own address, `/<authority>/` (docs/deploy.md, "Many
authorities on one installation"). Included last in `config/urls.py`: the portal's own paths come
first, and `authorities.rules.RESERVED_SLUGS` keeps an authority's slug from being one of them.
`authorities.middleware` finds the authority (404 for an unknown slug) before the view runs."""
from django.urls import path

from accounts import views as accounts_views
from competition.views import public
from core import views as core_views

app_name = "authority"

urlpatterns = [
    path("<slug:authority>/", public.authority_home, name="home"),
    path("<slug:authority>/calls/<slug:slug>/", public.authority_call_detail, name="call_detail"),
    path("<slug:authority>/privacy/", accounts_views.privacy, name="privacy"),
    path("<slug:authority>/deklaracja-dostepnosci/", core_views.accessibility_statement, name="accessibility"),
]
