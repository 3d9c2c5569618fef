"""A link in the quiz editor to the quiz's Questions page (search the bank, add several
questions at once, write a new one), where the StreamField offers one chooser at a time."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class QuestionsLinkPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "sse_quizzes/admin/questions_link_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page_id = self.instance.pk
            context["url"] = reverse("sse_quizzes_questions", args=[page_id]) if page_id else ""
            return context
