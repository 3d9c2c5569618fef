"""Where discussions happen: spaces (academy-wide, per course, per cohort) and their topics."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Space(models.Model):
    ACADEMY = "academy"
    COURSE = "course"
    COHORT = "cohort"
    KINDS = [(ACADEMY, _("Academy-wide")), (COURSE, _("Course")), (COHORT, _("Cohort"))]

    kind = models.CharField(_("kind"), max_length=10, choices=KINDS)
    # A course space is keyed by the course's translation_key, so it is the same in every language.
    course_key = models.UUIDField(_("course"), null=True, blank=True, db_index=True)
    cohort = models.OneToOneField(
        "sse_courses.Cohort", on_delete=models.CASCADE, null=True, blank=True,
        related_name="community_space", verbose_name=_("cohort"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("discussion space")
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind"], condition=models.Q(kind="academy"),
                                    name="community_one_academy_space"),
            models.UniqueConstraint(fields=["course_key"], condition=models.Q(kind="course"),
                                    name="community_one_space_per_course"),
            models.CheckConstraint(
                condition=(models.Q(kind="academy", course_key__isnull=True, cohort__isnull=True)
                           | models.Q(kind="course", course_key__isnull=False, cohort__isnull=True)
                           | models.Q(kind="cohort", cohort__isnull=False)),
                name="community_space_kind_matches_keys",
            ),
        ]

    def __str__(self):
        if self.kind == self.COHORT:
            return str(self.cohort)
        if self.kind == self.COURSE:
            return f"course {self.course_key}"
        return str(_("Academy-wide space"))


class Topic(models.Model):
    UNIFIED = "unified"
    DIVIDED = "divided"
    MODES = [
        (UNIFIED, _("Unified: every learner of the course sees all posts")),
        (DIVIDED, _("Divided by cohort: learners see their own cohort's posts")),
    ]

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="topics",
                              verbose_name=_("space"))
    # A module topic is keyed by the module's translation_key; the general topic has none.
    module_key = models.UUIDField(_("module"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=MODES, default=UNIFIED)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("discussion topic")
        ordering = ["space", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["space", "module_key"], name="community_one_topic_per_module"),
            models.UniqueConstraint(fields=["space"], condition=models.Q(module_key__isnull=True),
                                    name="community_one_general_topic_per_space"),
        ]

    def __str__(self):
        return f"{self.space} · {self.module_key or 'general'}"

    panels = [FieldPanel("mode"), FieldPanel("position")]

    def admin_title(self):
        """"Course › module" in the admin's language (one page lookup per row, admin only)."""
        from ..titles import label_spaces, label_topics

        label_spaces([self.space])
        label_topics([self])
        return f"{self.space.title} › {self.title}"

    admin_title.short_description = _("topic")

    @property
    def is_divided(self):
        return self.mode == self.DIVIDED and self.space.kind == Space.COURSE
