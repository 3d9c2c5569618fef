"""Trainers choose, per topic, whether it is unified or divided by cohort (Wagtail admin).

Topics are created with the course spaces (one per module); trainers only change them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
