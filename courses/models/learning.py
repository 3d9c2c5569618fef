"""What a learner did (StepProgress, ActivityResponse) and where they stand (Enrolment).

Everything is keyed by the pages' `translation_key`, so a learner who changes
language keeps their enrolment, progress and answers. Only `courses.progress`
writes progress; ActivityResponse is written by `courses.activities`.
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

    class Meta:
        verbose_name = _("step progress")
        verbose_name_plural = _("step progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "step_key"], name="one_progress_row_per_step"),
        ]
        indexes = [models.Index(fields=["user", "course_key"], name="progress_user_course")]


class ActivityResponse(models.Model):
    """A learner's answers to one activity block, kept across visits and languages."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_responses"
    )
    step_key = models.UUIDField()
    block_id = models.CharField(max_length=64)
    answers = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("activity answers")
        verbose_name_plural = _("activity answers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "step_key", "block_id"], name="one_response_per_activity"
            ),
        ]

    @classmethod
    def answers_for(cls, user, step_key):
        rows = cls.objects.filter(user=user, step_key=step_key).values_list("block_id", "answers")
        return dict(rows)
