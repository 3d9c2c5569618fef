"""The page tree of a course: CourseIndexPage → CoursePage → ModulePage → step pages.

A *step* is any page under a module that counts in progress. LessonPage is the
step this app defines; other apps add steps (a quiz, …) by subclassing StepPage.
"""

from django.apps import apps
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from ..blocks import CORE_LESSON_BLOCKS, LessonBodyField
from ..learner_preview import PREVIEW_MODES, as_new_learner, is_learner_preview
from ..routing import SubtreeRoutingMixin
from ..unfinished_drafts import CoursePageForm

SERIES = [
    ("sse-intro", _("Introduction to the SSE")),
    ("gysbi", _("Generate Your Social Business Idea")),
    ("gysbp", _("Generate Your Social Business Plan")),
    ("coop", _("Cooperatives")),
]
LEVELS = [
    ("beginner", _("Beginner")),
    ("intermediate", _("Intermediate")),
    ("advanced", _("Advanced")),
]


def step_page_models():
    """Every concrete page model that is a step of a module."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, StepPage) and not model._meta.abstract
    ]


class TranslatedSlugMixin:
    """A translated page takes its slug from its translated title (see courses.translations)."""

    def clean(self):
        from ..translations import set_translated_slug

        set_translated_slug(self)
        super().clean()


class CourseIndexPage(SubtreeRoutingMixin, Page):
    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["sse_courses.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from ..outline import course_cards

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = course_cards(self.get_children(), request)
        return context


class CoursePage(TranslatedSlugMixin, Page):
    base_form_class = CoursePageForm
    summary = models.TextField(_("summary"), max_length=500)
    description = RichTextField(_("description"), blank=True)
    objectives = StreamField(
        [("objective", blocks.CharBlock(label=_("Objective")))],
        blank=True,
        verbose_name=_("learning objectives"),
    )
    estimated_hours = models.PositiveSmallIntegerField(_("estimated hours"), default=1)
    level = models.CharField(_("level"), max_length=20, choices=LEVELS, default="beginner")
    audience = models.CharField(_("audience"), max_length=255, blank=True)
    series = models.CharField(_("series"), max_length=20, choices=SERIES, default="sse-intro")
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("objectives"),
        FieldPanel("estimated_hours"),
        FieldPanel("level"),
        FieldPanel("audience"),
        FieldPanel("series"),
        FieldPanel("cover_image"),
    ]
    parent_page_types = ["sse_courses.CourseIndexPage"]
    subpage_types = ["sse_courses.ModulePage"]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        from ..outline import build_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = build_outline(self, request, with_details=True)
        return context


class ModulePage(TranslatedSlugMixin, Page):
    base_form_class = CoursePageForm
    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["sse_courses.CoursePage"]

    class Meta:
        verbose_name = _("module")

    @classmethod
    def clean_subpage_models(cls):
        # Steps are whatever StepPage subclasses the installed apps define.
        return step_page_models()

    def get_context(self, request, *args, **kwargs):
        from ..outline import build_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = outline = build_outline(self, request)
        context["module"] = outline.module_for(self.translation_key)
        return context


class StepPage(TranslatedSlugMixin, Page):
    """A page that is one step of a module and counts in a learner's progress."""

    base_form_class = CoursePageForm
    preview_modes = PREVIEW_MODES

    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)

    parent_page_types = ["sse_courses.ModulePage"]
    subpage_types = []

    class Meta:
        abstract = True

    @cached_property
    def course_path(self):
        # Type rules fix the shape: course / module / step.
        return self.path[: -2 * self.steplen]

    def completes_on_view(self):
        return False

    def completes_manually(self):
        """Whether the learner may mark it complete with a button (a quiz may not)."""
        return False

    def completes_with_h5p(self):
        return False

    def serve(self, request, *args, **kwargs):
        from .. import progress
        from ..outline import build_outline

        outline = build_outline(self, request, answers_for=self.translation_key)
        request.course_outline = outline
        if outline.enrolment is not None and not getattr(request, "is_preview", False):
            step = outline.step_for(self.translation_key)
            if step is None or progress.view_is_stale(step.last_viewed_at):
                progress.record_view(request.user, self, outline.course_key)
            if self.completes_on_view() and step and not step.completed:
                progress.complete_step(request.user, self, outline.course_key)
                step.completed = True
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..outline import build_outline

        context = super().get_context(request, *args, **kwargs)
        outline = getattr(request, "course_outline", None) or build_outline(
            self, request, answers_for=self.translation_key
        )
        if is_learner_preview(request):
            as_new_learner(outline)
            context["learner_preview"] = True
        step = outline.step_for(self.translation_key)
        context["outline"] = outline
        context["activity_answers"] = step.answers if step else {}
        context["step_completed"] = bool(step and step.completed)
        context["current_module"] = outline.module_of_step(self.translation_key)
        context["previous_step"], context["next_step"] = outline.neighbours(self.translation_key)
        return context


COMPLETION_RULES = [
    ("manual", _("The learner presses “Mark as complete”")),
    ("view", _("Complete as soon as the learner opens it")),
    ("h5p", _("Complete when its H5P activities are done")),
]


class LessonPage(StepPage):
    body = LessonBodyField(CORE_LESSON_BLOCKS, blank=True)
    completion_rule = models.CharField(
        _("completion rule"), max_length=20, choices=COMPLETION_RULES, default="manual"
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    settings_panels = Page.settings_panels + [
        FieldPanel("completion_rule"),
        FieldPanel("estimated_minutes"),
    ]

    class Meta:
        verbose_name = _("lesson")

    def completes_on_view(self):
        return self.completion_rule == "view"

    def completes_manually(self):
        return self.completion_rule == "manual"

    def completes_with_h5p(self):
        return self.completion_rule == "h5p"

    def serve(self, request, *args, **kwargs):
        if not self.h5p_blocks():
            return super().serve(request, *args, **kwargs)
        from ..h5p.page_policy import with_player_policy

        return with_player_policy(super().serve, request, *args, **kwargs)

    def h5p_blocks(self):
        return [block for block in self.body if block.block_type == "h5p"]

    def h5p_block(self, block_id):
        return next((b for b in self.h5p_blocks() if b.id == block_id), None)

    def has_activities(self):
        return any(block.block_type == "activity" for block in self.body)

    def activity_block(self, block_id):
        for block in self.body:
            if block.block_type == "activity" and block.id == block_id:
                return block
        return None
