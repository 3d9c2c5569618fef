"""Log in and out, reset a password. Logging in and asking for a reset are
rate-limited (courses.ratelimit): per account and per client, in the cache."""

from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from courses import ratelimit
from courses.http import refused_response

from .. import signups
from ..forms import EmailLoginForm, QueuedPasswordResetForm


def safe_url(request, target, fallback):
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  request.is_secure()):
        return target
    return fallback


def safe_next(request, fallback):
    return safe_url(request, request.POST.get("next") or request.GET.get("next") or "", fallback)


def submitted_email(request, field):
    return (request.POST.get(field) or "").strip().lower()[:254]


def site_of(request):
    """Scheme and host, for links in emails."""
    return request.build_absolute_uri("/").rstrip("/")


class LoginView(auth_views.LoginView):
    """Wrong passwords are counted per account (whatever the client) and per client
    (whatever the account); past either limit every attempt, even with the right
    password, gets a 429 until the window ends."""

    form_class = EmailLoginForm
    template_name = "sse_academy/accounts/login.html"
    redirect_authenticated_user = True

    def guards(self):
        return [("login_account", submitted_email(self.request, "username")),
                ("login_client", ratelimit.client_address(self.request))]

    def post(self, request, *args, **kwargs):
        try:
            for action, identity in self.guards():
                ratelimit.check(action, identity, reason=_("Too many failed attempts to log in."))
        except ratelimit.RateLimited as limited:
            return refused_response(request, limited)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.waiting_user is not None:
            try:  # a new link, in case the first one was lost (a limited number)
                ratelimit.hit("signup_email", form.waiting_user.email)
                signups.send_confirmation(form.waiting_user, site_of(self.request))
            except ratelimit.RateLimited:
                pass
            return render(self.request, "sse_academy/accounts/check_email.html",
                          {"waiting": True})
        for action, identity in self.guards():
            ratelimit.failed(action, identity)
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    next_page = "/"


class PasswordResetView(auth_views.PasswordResetView):
    """Each request counts per client and per address, known or not (the page says
    the same for both)."""

    form_class = QueuedPasswordResetForm
    template_name = "sse_academy/accounts/password_reset.html"
    email_template_name = "sse_academy/accounts/password_reset_email.txt"
    subject_template_name = "sse_academy/accounts/password_reset_subject.txt"
    success_url = reverse_lazy("sse_academy:password_reset_done")

    def post(self, request, *args, **kwargs):
        try:
            ratelimit.hit("password_reset", ratelimit.client_address(request))
            if email := submitted_email(request, "email"):
                ratelimit.hit("password_reset_email", email)
        except ratelimit.RateLimited as limited:
            return refused_response(request, limited)
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "sse_academy/accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "sse_academy/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("sse_academy:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "sse_academy/accounts/password_reset_complete.html"
