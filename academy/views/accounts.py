from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from sse_notifications.services import set_language as set_email_language

from ..forms import EmailLoginForm, QueuedPasswordResetForm, SignupForm


def safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def signup(request):
    if request.user.is_authenticated:
        return redirect("sse_academy:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        set_email_language(user, translation.get_language())
        messages.success(request, _("Welcome, %(name)s! Your account is ready.") % {
            "name": user.first_name
        })
        return redirect(safe_next(request, reverse("sse_academy:dashboard")))
    status = 400 if request.method == "POST" else 200
    return render(request, "sse_academy/accounts/signup.html",
                  {"form": form, "next": safe_next(request, "")}, status=status)


class LoginView(auth_views.LoginView):
    form_class = EmailLoginForm
    template_name = "sse_academy/accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    next_page = "/"


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "sse_academy/accounts/password_reset.html"
    email_template_name = "sse_academy/accounts/password_reset_email.txt"
    subject_template_name = "sse_academy/accounts/password_reset_subject.txt"
    success_url = reverse_lazy("sse_academy:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "sse_academy/accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "sse_academy/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("sse_academy:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "sse_academy/accounts/password_reset_complete.html"
