from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Cohort


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "course", "language", "join_code", "starts_on", "ends_on"]
    list_filter = ["language"]
    search_fields = ["name", "join_code"]


register_snippet(CohortViewSet)
