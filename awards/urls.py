"""URL patterns of the ranking, the allocation and the Mayor's decision."""
from django.urls import path  # noqa: F401

app_name = "awards"

urlpatterns = []
