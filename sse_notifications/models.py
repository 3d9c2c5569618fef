"""Notifications, subscriptions and each user's notification preferences."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.urls import Resolver404, resolve, translate_url
from django.utils import timezone
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something that happened, for one recipient. The text is kept as an English
    msgid plus parameters and rendered in the reader's language when shown or sent."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="sse_notifications")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    message = models.CharField(max_length=255)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=500, blank=True)
    target_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set once the notification went out by email (immediately or in a digest):
    # the guard that keeps anyone from receiving the same notification twice.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_recent"),
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_unread"),
            models.Index(fields=["emailed_at", "created_at"], name="notif_unsent"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.text()

    def text(self):
        """The message in the active language, with its parameters. A translation
        whose placeholders do not match falls back to the English text."""
        params = self.params if isinstance(self.params, dict) else {}
        for template in (gettext(self.message), self.message):
            try:
                return template % params
            except (KeyError, ValueError, TypeError):
                continue
        return self.message

    def localized_url(self):
        """The link in the active language when it is an app page (community thread,
        dashboard…). Wagtail pages keep their link: their slugs differ per language."""
        if not self.url.startswith("/"):
            return self.url
        try:
            match = resolve(urlsplit(self.url).path)
        except Resolver404:
            return self.url
        return translate_url(self.url, get_language()) if match.namespace else self.url

    @property
    def is_unread(self):
        return self.read_at is None


class Subscription(models.Model):
    """A user follows a target (a thread, a space…), named by a key its app owns."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notification_subscriptions")
    target_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "target_key"],
                                               name="notif_one_subscription_per_target")]
        indexes = [models.Index(fields=["target_key"], name="notif_subscription_target")]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        return f"{self.user} → {self.target_key}"


def default_language():
    return settings.LANGUAGE_CODE


class NotificationPreference(models.Model):
    IMMEDIATELY, DAILY, NEVER = "immediately", "daily", "never"
    EMAIL_MODES = [
        (IMMEDIATELY, pgettext_lazy("email frequency", "Immediately, one email each")),
        (DAILY, pgettext_lazy("email frequency", "Once a day, in a digest")),
        (NEVER, pgettext_lazy("email frequency", "Never")),
    ]

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference")
    # No choices here: the site's LANGUAGES are checked by the form and the services,
    # so a host site with other languages needs no migration.
    language = models.CharField(_("language of emails"), max_length=10, default=default_language)
    email_mode = models.CharField(_("emails"), max_length=12, choices=EMAIL_MODES,
                                  default=DAILY)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user}: {self.email_mode}, {self.language}"
