"""A quiz is a step of a module: it counts in progress when passed."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.snippets.blocks import SnippetChooserBlock

from courses.models import StepPage

from ..panels import QuestionsLinkPanel

GRADING_METHODS = [
    ("highest", _("Highest grade")),
    ("last", _("Last attempt")),
    ("first", _("First attempt")),
    ("average", _("Average of attempts")),
]
REVIEW_ITEMS = ["correctness", "marks", "feedback", "right_answers"]


class RandomDrawBlock(blocks.StructBlock):
    category = SnippetChooserBlock("sse_quizzes.QuestionCategory")
    count = blocks.IntegerBlock(min_value=1, default=1)

    class Meta:
        label = _("Random questions from a category")
        icon = "repeat"


def review_fields(moment, label):
    return [
        models.BooleanField(format_lazy("{}: {}", label, name), default=default)
        for name, default in zip(
            [_("correct or not"), _("marks"), _("feedback"), _("right answers")],
            [True, True, True, moment == "closed"], strict=True,
        )
    ]


class QuizPage(StepPage):
    intro = RichTextField(blank=True)
    questions = StreamField(
        [("question", SnippetChooserBlock("sse_quizzes.Question")), ("random", RandomDrawBlock())],
        blank=True,
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=60, validators=[MaxValueValidator(100)])
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), default=0, help_text=_("0 = unlimited"))
    min_delay_minutes = models.PositiveIntegerField(
        _("minimum delay between attempts (minutes)"), default=0)
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"), default=0, help_text=_("0 = no limit"))
    grading_method = models.CharField(
        _("grading method"), max_length=10, choices=GRADING_METHODS, default="highest")
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)

    # Moodle-style review grid: what a learner sees right after submitting,
    # and after the quiz has closed.
    (review_after_correctness, review_after_marks, review_after_feedback,
     review_after_right_answers) = review_fields("after", _("after submitting"))
    (review_closed_correctness, review_closed_marks, review_closed_feedback,
     review_closed_right_answers) = review_fields("closed", _("after the quiz closes"))

    content_panels = StepPage.content_panels + [
        FieldPanel("intro"), QuestionsLinkPanel(heading=_("Question bank")), FieldPanel("questions")]
    settings_panels = StepPage.settings_panels + [
        MultiFieldPanel([
            FieldPanel("pass_mark"), FieldPanel("max_attempts"), FieldPanel("min_delay_minutes"),
            FieldPanel("time_limit_minutes"), FieldPanel("grading_method"),
            FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices"),
            FieldPanel("closes_at"),
        ], heading=_("Quiz settings")),
        MultiFieldPanel(
            [FieldPanel(f"review_after_{item}") for item in REVIEW_ITEMS]
            + [FieldPanel(f"review_closed_{item}") for item in REVIEW_ITEMS],
            heading=_("Review options"),
        ),
        FieldPanel("estimated_minutes"),
    ]

    class Meta:
        verbose_name = _("quiz")

    def review_options(self, is_closed):
        moment = "closed" if is_closed else "after"
        return {item: getattr(self, f"review_{moment}_{item}") for item in REVIEW_ITEMS}

    def get_context(self, request, *args, **kwargs):
        from ..services import quiz_summary

        context = super().get_context(request, *args, **kwargs)
        outline = context["outline"]
        if context.get("learner_preview"):
            from ..presenting import preview_items

            context["preview_items"] = preview_items(self)
        elif outline.enrolment is not None:
            context.update(quiz_summary(self, request.user))
        return context
