"""Cohorts: a group of learners following one course together, with facilitators."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud easily


def new_join_code():
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(8))


class Cohort(models.Model):
    name = models.CharField(_("name"), max_length=200)
    course = models.ForeignKey(
        "sse_courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("course"),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_cohorts",
        verbose_name=_("facilitators"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CohortMembership",
        blank=True,
        related_name="cohorts",
        verbose_name=_("members"),
    )
    join_code = models.CharField(
        _("join code"), max_length=16, unique=True, default=new_join_code
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("course"),
        FieldPanel("language"),
        FieldPanel("facilitators"),
        FieldPanel("join_code"),
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
    ]

    class Meta:
        verbose_name = _("cohort")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="cohort_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.join_code = self.join_code.strip().upper()  # learners' codes are matched upper-case
        super().save(*args, **kwargs)

    @property
    def course_key(self):
        return self.course.translation_key

    def is_open_for_joining(self, today=None):
        today = today or timezone.localdate()
        return self.ends_on is None or self.ends_on >= today


class CohortMembership(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cohort membership")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="one_membership_per_cohort"),
        ]

    def __str__(self):
        return f"{self.user} in {self.cohort}"
