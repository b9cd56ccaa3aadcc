from django.urls import path

from core import views
from core.health import HealthView

app_name = "core"

urlpatterns = [
    # The address people and the ministry's monitoring look for, at the root of the site.
    path("deklaracja-dostepnosci/", views.accessibility_statement, name="accessibility"),
    # For load balancers and monitoring: 200 or 500, plain text (core/health.py, docs/deploy.md).
    path("health/", HealthView.as_view(), name="health"),
]
