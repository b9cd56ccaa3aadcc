from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    # The address people and the ministry's monitoring look for, at the root of the site.
    path("deklaracja-dostepnosci/", views.accessibility_statement, name="accessibility"),
]
