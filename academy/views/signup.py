"""Sign up, then confirm the address by the emailed link (academy/signups.py)."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from courses import ratelimit
from courses.http import refused_response

from .. import signups
from ..forms import SignupForm
from .accounts import safe_next, safe_url, site_of


def signup(request):
    if request.user.is_authenticated:
        return redirect("sse_academy:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ratelimit.hit("signup", ratelimit.client_address(request))
            ratelimit.hit("signup_email", data["email"])
        except ratelimit.RateLimited as limited:
            return refused_response(request, limited)
        signups.sign_up(name=data["name"], email=data["email"], password=data["password1"],
                        language=translation.get_language(), next_url=safe_next(request, ""),
                        site=site_of(request))
        return redirect("sse_academy:check_email")
    status = 400 if request.method == "POST" else 200
    return render(request, "sse_academy/accounts/signup.html",
                  {"form": form, "next": safe_next(request, "")}, status=status)


def check_email(request):
    return render(request, "sse_academy/accounts/check_email.html", {})


def confirm_signup(request, uidb64, token):
    """The emailed link: GET shows the form, POST with the sign-up password confirms
    (a mail scanner that opens links confirms nothing)."""
    user = signups.waiting_user(uidb64, token)
    if user is None:
        return render(request, "sse_academy/accounts/confirm_signup.html",
                      {"invalid": True}, status=400)
    error = ""
    if request.method == "POST":
        guards = [("login_account", user.email), ("login_client", ratelimit.client_address(request))]
        try:
            for action, identity in guards:
                ratelimit.check(action, identity, reason=_("Too many failed attempts to log in."))
        except ratelimit.RateLimited as limited:
            return refused_response(request, limited)
        if user.check_password(request.POST.get("password", "")):
            next_url = signups.confirm(user)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome, %(name)s! Your account is ready.") % {
                "name": user.first_name})
            return redirect(safe_url(request, next_url, reverse("sse_academy:dashboard")))
        for action, identity in guards:
            ratelimit.failed(action, identity)
        error = _("This is not the password you chose when you signed up.")
    return render(request, "sse_academy/accounts/confirm_signup.html",
                  {"email": user.email, "error": error}, status=400 if error else 200)
