"""Trainers choose, per topic, whether it is unified or divided by cohort (Wagtail admin).

Topics are created with the course spaces (one per module); trainers only change them.
"""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.hooks import HEADER_LINKS
from courses.role_setup import TRAINER_PERMISSIONS_HOOK

from .models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "comment"
    menu_label = _("Discussion topics")
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["admin_title", "mode"]
    list_filter = ["mode"]

    def get_queryset(self, request):
        return Topic.objects.filter(space__kind="course").select_related("space", "space__cohort")


register_snippet(TopicViewSet)


@hooks.register(HEADER_LINKS, order=10)
def community_link(context):
    return format_html('<a href="{}">{}</a>', reverse("sse_community:index"), _("Community"))


@hooks.register(TRAINER_PERMISSIONS_HOOK)
def trainer_permissions():
    """Trainers choose each topic's mode (unified or divided by cohort)."""
    return ["sse_community.view_space", "sse_community.view_topic", "sse_community.change_topic"]
