from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from courses.models import CoursePage
from courses.outline import course_cards
from courses.routing import SubtreeRoutingMixin


class HomePage(SubtreeRoutingMixin, Page):
    """The demo site's home in each language: a welcome and the course catalogue.

    A host site keeps its own home page and puts the academy's CourseIndexPage under it."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    template = "demo_site/home_page.html"

    class Meta:
        verbose_name = _("academy home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = course_cards(CoursePage.objects.descendant_of(self), request)
        return context
