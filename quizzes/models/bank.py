"""The question bank: translatable questions in categories."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PreviewableMixin, TranslatableMixin

from ..naming import is_bare, readable_name
from ..question_blocks import QUESTION_TYPE_BLOCKS


class QuestionCategory(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Question(PreviewableMixin, TranslatableMixin, models.Model):
    """A question in one language; its translations share `translation_key`."""

    name = models.CharField(
        _("name"), max_length=255, blank=True,
        help_text=_("For trainers only. Left empty, it is made from the question's first words."))
    category = models.ForeignKey(QuestionCategory, on_delete=models.PROTECT,
                                 related_name="questions", verbose_name=_("category"))
    text = RichTextField(_("question text"))
    spec = StreamField(QUESTION_TYPE_BLOCKS, min_num=1, max_num=1, verbose_name=_("answers"))
    general_feedback = models.TextField(_("general feedback"), blank=True)
    default_mark = models.DecimalField(_("mark"), max_digits=5, decimal_places=2, default=1)
    tags = TaggableManager(blank=True)
    idnumber = models.CharField(
        _("ID number"), max_length=100, blank=True, db_index=True,
        help_text=_("Optional, for trainers: Moodle's ID number, kept by GIFT import and "
                    "export."))

    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("text"),
        FieldPanel("spec"),
        FieldPanel("general_feedback"),
        FieldPanel("default_mark"),
        FieldPanel("tags"),
        FieldPanel("idnumber"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question")
        ordering = ["category__name", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if is_bare(self.name):
            self.name = readable_name(self.text) or self.name
        super().save(*args, **kwargs)

    @property
    def kind(self):
        return self.spec[0].block_type if self.spec else None

    def get_preview_template(self, request, mode_name):
        return "sse_quizzes/question_preview.html"

    def get_preview_context(self, request, mode_name):
        from ..grading import right_answer_text

        context = super().get_preview_context(request, mode_name)
        context["right_answer"] = right_answer_text(self.kind, self.spec_data())
        context["spec"] = self.spec_data()
        return context

    def spec_data(self):
        """The type-specific settings as plain data (what grading and GIFT use)."""
        if not self.spec:
            return {}
        return plain(self.spec[0].value)


def plain(value):
    """StructValue / ListValue → dicts and lists of plain values."""
    if hasattr(value, "items"):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple) or type(value).__name__ == "ListValue":
        return [plain(item) for item in value]
    return value
