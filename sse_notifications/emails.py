"""Notification emails: subject, plain text and an HTML alternative, in the
recipient's language, each with a one-click unsubscribe link (RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import conf
from .tokens import unsubscribe_token


def absolute(url):
    return conf.site_url() + url if url.startswith("/") else url


def _links(language, user):
    with translation.override(language):
        return {
            "unsubscribe_url": absolute(reverse("sse_notifications:unsubscribe",
                                                args=[unsubscribe_token(user)])),
            "preferences_url": absolute(reverse("sse_notifications:preferences")),
            "list_url": absolute(reverse("sse_notifications:list")),
        }


def _items(notifications):
    return [{"text": n.text(), "url": absolute(n.localized_url()) if n.url else "",
             "created_at": n.created_at}
            for n in notifications]


def _subject(text):
    subject = _("%(site)s: %(text)s") % {"site": _("SSE Academy"), "text": text}
    # Django refuses newlines in headers: keep the subject on one line, and short.
    return " ".join(subject.split())[:200]


def _message(user, subject, template, context):
    text = render_to_string(f"sse_notifications/email/{template}.txt", context)
    html = render_to_string(f"sse_notifications/email/{template}.html", context)
    email = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email],
        headers={"List-Unsubscribe": f"<{context['unsubscribe_url']}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    email.attach_alternative(html, "text/html")
    return email


def immediate_email(user, language, notification):
    """One email for one notification."""
    with translation.override(language):
        context = {"user": user, "item": _items([notification])[0], **_links(language, user)}
        return _message(user, _subject(context["item"]["text"]), "immediate", context)


def digest_email(user, language, notifications, more=0):
    """The daily digest: the listed notifications and how many more wait on the site."""
    with translation.override(language):
        total = len(notifications) + more
        context = {"user": user, "items": _items(notifications), "more": more, "total": total,
                   **_links(language, user)}
        summary = ngettext("Your daily summary: %(count)s new notification",
                           "Your daily summary: %(count)s new notifications", total) % {"count": total}
        return _message(user, _subject(summary), "digest", context)
