from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..permissions import is_moderator

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_link(context):
    """A link to the moderation queue, for trainers and facilitators only."""
    request = context.get("request")
    if request is None or not is_moderator(request.user):
        return ""
    return format_html('<p class="moderation-link"><a href="{}">{}</a></p>',
                       reverse("sse_moderation:queue"), _("Moderation queue"))
