"""What a learner did on each step (StepProgress) and where they stand (Enrolment).

Everything is keyed by the pages' `translation_key`, so a learner who changes
language keeps their enrolment, progress and answers. Only `courses.progress`
writes these rows.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course_key = models.UUIDField(_("course"), db_index=True)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    # Summary kept up to date by courses.progress (the dashboard reads only this).
    completed_steps = models.PositiveIntegerField(default=0)
    total_steps = models.PositiveIntegerField(default=0)
    last_step_key = models.UUIDField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="one_enrolment_per_course"),
            models.CheckConstraint(
                condition=models.Q(completed_steps__lte=models.F("total_steps")),
                name="enrolment_completed_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.course_key}"

    @property
    def percent(self):
        if not self.total_steps:
            return 0
        return round(100 * self.completed_steps / self.total_steps)


class StepProgress(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="step_progress"
    )
    step_key = models.UUIDField()
    course_key = models.UUIDField()
    first_viewed_at = models.DateTimeField(auto_now_add=True)
    last_viewed_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    # The learner's worksheet answers on this step: {activity block id: {input name: text}}.
    # Kept with the progress row so that a lesson page reads both in one query.
    answers = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("step progress")
        verbose_name_plural = _("step progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "step_key"], name="one_progress_row_per_step"),
        ]
        indexes = [models.Index(fields=["user", "course_key"], name="progress_user_course")]

    def __str__(self):
        return f"{self.user} · {self.step_key}"
