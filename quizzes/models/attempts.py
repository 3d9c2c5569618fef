"""One learner's attempt at a quiz, keyed by the quiz's translation_key."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Attempt(models.Model):
    IN_PROGRESS, SUBMITTED = "in_progress", "submitted"
    STATES = [(IN_PROGRESS, _("in progress")), (SUBMITTED, _("submitted"))]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="quiz_attempts")
    quiz_key = models.UUIDField(db_index=True)
    course_key = models.UUIDField()
    number = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=20, choices=STATES, default=IN_PROGRESS)
    started_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # [{"key": question translation_key, "mark": 1.0, "kind": "single", "order": [2, 0, 1]}]
    layout = models.JSONField(default=list)
    # {question key: response in the spec's own order}
    answers = models.JSONField(default=dict, blank=True)
    # {question key: {"fraction": 0.5, "mark": 0.5, "feedback": [...], "score": None}}
    results = models.JSONField(default=dict, blank=True)
    score = models.FloatField(null=True, blank=True)
    max_score = models.FloatField(default=0)
    grade = models.FloatField(null=True, blank=True, help_text=_("percent"))
    passed = models.BooleanField(null=True)
    # Submitted with essays that a person has not graded yet: no grade until they are.
    awaiting_grading = models.BooleanField(default=False, db_index=True)

    class Meta:
        verbose_name = _("quiz attempt")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["user", "quiz_key", "number"],
                                    name="attempt_numbers_are_unique"),
            models.UniqueConstraint(fields=["user", "quiz_key"],
                                    condition=models.Q(state="in_progress"),
                                    name="one_open_attempt_per_quiz"),
            models.CheckConstraint(
                condition=models.Q(state="in_progress") | models.Q(submitted_at__isnull=False),
                name="submitted_attempts_have_a_time"),
        ]

    def __str__(self):
        return f"{self.user} · attempt {self.number}"

    @property
    def is_open(self):
        return self.state == self.IN_PROGRESS
