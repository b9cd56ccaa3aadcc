from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("", include("core.urls")),  # the accessibility statement, /deklaracja-dostepnosci/
    path("", include("reports.urls")),
    path("", include("opendata.urls")),  # the API, feeds and open-data files
    path("", include("signatures.urls")),  # offers/<pk>/versions/<n>/signed/...
    path("", include("offers.urls_extra")),  # before offers.urls: its offers/<pk>/<section>/ would match first
    path("", include("offers.urls")),
    path("", include("evaluation.formal.urls")),
    path("", include("evaluation.merit.urls_member")),
    path("", include("evaluation.merit.urls_chair")),
    path("", include("reports.urls_merit")),
    path("", include("awards.urls")),
    path("", include("awards.negotiation.urls")),
    path("", include("contracts.urls")),
    path("", include("contracts.final_report.urls")),
    path("", include("controls.urls")),
    path("", include("notifications.urls")),
    path("", include("authorities.urls")),  # an authority's officials, for its administrator
    path("", include("competition.urls")),
    path("", include("competition.urls_authority")),  # last: /<authority>/ after every path of the portal
]
