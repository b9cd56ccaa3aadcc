"""URL patterns of the merit evaluation (filled in with the views)."""
from django.urls import path  # noqa: F401

app_name = "commission"

urlpatterns = []
