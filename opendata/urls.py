from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from opendata import feeds, views_files
from opendata.api import views as api

app_name = "opendata"

urlpatterns = [
    path("api/calls/", api.CallList.as_view(), name="api_calls"),
    path("api/calls/<slug:slug>/", api.CallDetail.as_view(), name="api_call"),
    path("api/calls/<slug:slug>/results/", api.CallResults.as_view(), name="api_call_results"),
    path("api/grants/", api.GrantList.as_view(), name="api_grants"),
    path("api/organisations/<int:pk>/grants/", api.OrganisationGrants.as_view(), name="api_organisation_grants"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", api.Documentation.as_view(), name="api_docs"),
    path("feeds/announcements.atom", feeds.AnnouncementsFeed(), name="feed_announcements"),
    path("feeds/results.atom", feeds.ResultsFeed(), name="feed_results"),
]
for _kind in ("results", "ranking"):
    for _fmt in ("csv", "xlsx", "json"):
        urlpatterns.append(path(f"calls/<slug:slug>/{_kind}.{_fmt}", views_files.call_file,
                                {"kind": _kind, "fmt": _fmt}, name=f"{_kind}_{_fmt}"))
for _fmt in ("csv", "xlsx", "json"):
    urlpatterns.append(path(f"grants/<int:year>.{_fmt}", views_files.year_file, {"fmt": _fmt}, name=f"year_{_fmt}"))
urlpatterns.append(re_path(r"^api/", api.NotFound.as_view(), name="api_not_found"))  # last: any other /api/ address
