from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from courses.outbox import enqueue_after_commit

from .models import SignupConfirmation
from .tasks import send_email


def waiting_with_password(email, password):
    """The inactive account waiting for confirmation with this address and password."""
    if not email or not password:
        return None
    waiting = (SignupConfirmation.objects.select_related("user")
               .filter(user__email__iexact=email, user__is_active=False).first())
    if waiting is None or not waiting.user.check_password(password):
        return None
    return waiting.user


class SignupForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=150,
        help_text=_("As it should appear on your certificates."),
    )
    email = forms.EmailField(label=_("Email"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        # Never says whether the address has an account: signups.sign_up decides, by email.
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are different."))
        elif first and cleaned.get("email"):
            User = get_user_model()
            candidate = User(username=cleaned["email"], email=cleaned["email"],
                             first_name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EmailLoginForm(AuthenticationForm):
    """Log in with the email address (it is also the username)."""

    waiting_user = None

    username = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # The right password of an account not yet confirmed: the view says
            # "check your email" (only someone who knows the password learns it).
            self.waiting_user = waiting_with_password(self.cleaned_data.get("username"),
                                                      self.cleaned_data.get("password"))
            raise


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose email is sent by a Celery task, not by the request."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        enqueue_after_commit(send_email, subject, body, [to_email], from_email=from_email)
