"""What academy adds to the pack's layout: the dashboard link and the language switcher."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.hooks import HEADER_LINKS, HEADER_TOOLS


@hooks.register(HEADER_LINKS, order=20)
def dashboard_link(context):
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    return format_html('<a href="{}">{}</a>', reverse("sse_academy:dashboard"), _("My learning"))


@hooks.register(HEADER_TOOLS)
def language_switcher(context):
    return render_to_string("sse_academy/includes/language_switcher.html", context.flatten())
