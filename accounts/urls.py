from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views, views_notices, views_session, views_two_factor, views_work

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("profile/", views.profile, name="profile"),
    path("waiting/", views_work.waiting, name="work"),  # "Czeka na mnie": where every role lands after login
    path("notices/", views_notices.notice_list, name="notice_list"),
    path("profile/my-data.json", views.data_export, name="data_export"),
    path("privacy/", views.privacy, name="privacy"),
    path("session/", views_session.session_status, name="session_status"),
    path("session/extend/", views_session.session_extend, name="session_extend"),
    path("two-factor/", views_two_factor.two_factor, name="two_factor"),
    path("two-factor/enrol/<str:token>/", views_two_factor.two_factor_enrol, name="two_factor_enrol"),
    path("two-factor/setup/", views_two_factor.two_factor_setup, name="two_factor_setup"),
    path("enrolment-links/", views_two_factor.enrolment_links, name="enrolment_links"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name="registration/password_change_form.html", success_url=reverse_lazy("accounts:profile")
        ),
        name="password_change",
    ),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="registration/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
