from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.models import Group
from django.db import transaction
from django.template import loader
from django.utils.translation import gettext_lazy as _

from courses.outbox import enqueue_after_commit
from courses.roles import LEARNERS

from .tasks import send_email


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
        email = self.cleaned_data["email"].strip().lower()
        User = get_user_model()
        if User.objects.filter(email__iexact=email).exists() or User.objects.filter(
            username__iexact=email
        ).exists():
            raise forms.ValidationError(
                _("An account with this email already exists. Log in or reset your password.")
            )
        return email

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

    @transaction.atomic
    def save(self):
        User = get_user_model()
        data = self.cleaned_data
        user = User.objects.create_user(
            username=data["email"], email=data["email"], password=data["password1"],
            first_name=data["name"],
        )
        group, _created = Group.objects.get_or_create(name=LEARNERS)
        user.groups.add(group)
        return user


class EmailLoginForm(AuthenticationForm):
    """Log in with the email address (it is also the username)."""

    username = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose email is sent by a Celery task, not by the request."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        enqueue_after_commit(send_email, subject, body, [to_email], from_email=from_email)
