from django.urls import path

from authorities import views

app_name = "authorities"

urlpatterns = [
    path("urzad/<slug:slug>/urzednicy/", views.official_list, name="official_list"),
    path("urzad/<slug:slug>/urzednicy/<int:pk>/usun/", views.official_remove, name="official_remove"),
]
