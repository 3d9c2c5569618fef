"""The header link to the notifications, with the unread count."""

from django.template.loader import render_to_string
from wagtail import hooks

from courses.hooks import HEADER_LINKS


@hooks.register(HEADER_LINKS, order=30)
def notifications_link(context):
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    unread = context.get("notifications_unread")
    return render_to_string("sse_notifications/includes/header_link.html",
                            {"unread": unread() if callable(unread) else unread})
