"""The URL module to include, inside i18n_patterns, in a site that embeds the academy:

    urlpatterns += i18n_patterns(
        path("", include("academy.urls")),
        path("", include(wagtail_urls)),
    )
"""

from django.urls import include, path

from .views import accounts, dashboard, language, plans, signup

academy_patterns = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("learn/courses/<int:page_id>/my-plan/", plans.request_plan, name="request_plan"),
    path("learn/plans/<uuid:export_id>/", plans.download_plan, name="download_plan"),
    path("language/<str:language>/", language.switch_language, name="switch_language"),
    path("accounts/signup/", signup.signup, name="signup"),
    path("accounts/signup/check-your-email/", signup.check_email, name="check_email"),
    path("accounts/confirm/<uidb64>/<token>/", signup.confirm_signup, name="confirm_signup"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", accounts.LogoutView.as_view(), name="logout"),
    path("accounts/password-reset/", accounts.PasswordResetView.as_view(),
         name="password_reset"),
    path("accounts/password-reset/sent/", accounts.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", accounts.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/reset/done/", accounts.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]

urlpatterns = [
    path("", include((academy_patterns, "sse_academy"))),
    path("learn/", include("courses.urls")),
    path("learn/", include("quizzes.urls")),
    path("community/moderation/", include("community.moderation.urls")),
    path("community/", include("community.urls")),
    path("notifications/", include("sse_notifications.urls")),
    path("facilitate/", include("facilitation.urls")),
    path("", include("credentials.urls")),
]
