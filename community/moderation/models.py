"""Reports from learners, suspensions, and the append-only log of moderation actions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    SPAM = "spam"
    OFFENSIVE = "offensive"
    OFF_TOPIC = "off_topic"
    OTHER = "other"
    REASONS = [(SPAM, _("Spam or advertising")), (OFFENSIVE, _("Offensive or abusive")),
               (OFF_TOPIC, _("Off-topic")), (OTHER, _("Something else (explain below)"))]

    # How a moderator closed the report.
    HIDDEN = "hidden"
    DISMISSED = "dismissed"
    OUTCOMES = [(HIDDEN, _("Post hidden")), (DISMISSED, _("Report dismissed"))]

    post = models.ForeignKey("sse_community.Post", on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="community_reports")
    reason = models.CharField(_("reason"), max_length=12, choices=REASONS)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    outcome = models.CharField(max_length=10, choices=OUTCOMES, blank=True)

    class Meta:
        verbose_name = _("report")
        ordering = ["created_at", "id"]
        constraints = [
            # One open report per person and post: a second click cannot count twice.
            models.UniqueConstraint(fields=["post", "reporter"], condition=models.Q(resolved_at__isnull=True),
                                    name="community_moderation_one_open_report"),
            models.CheckConstraint(
                condition=models.Q(resolved_at__isnull=True, outcome="")
                | models.Q(resolved_at__isnull=False) & ~models.Q(outcome=""),
                name="community_moderation_report_outcome_when_resolved"),
        ]
        indexes = [models.Index(fields=["post"], condition=models.Q(resolved_at__isnull=True),
                                name="community_mod_open_reports")]

    def __str__(self):
        return f"report {self.pk} on post {self.post_id}"


class Suspension(models.Model):
    """A person may not post in a space until `until` (unless lifted earlier)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="community_suspensions")
    space = models.ForeignKey("sse_community.Space", on_delete=models.CASCADE, related_name="suspensions")
    until = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("suspension")
        ordering = ["-until"]
        indexes = [models.Index(fields=["user", "space", "until"], name="community_mod_suspension")]

    def __str__(self):
        return f"{self.user_id} suspended in {self.space_id} until {self.until:%Y-%m-%d}"

    @classmethod
    def active(cls, now=None):
        return cls.objects.filter(lifted_at__isnull=True, until__gt=now or timezone.now())


class ModerationAction(models.Model):
    """One row per moderation action, written in the action's transaction. Never changed."""

    AUTO_HIDDEN = "auto_hidden"
    HIDE = "hide"
    UNHIDE = "unhide"
    APPROVE = "approve"
    REJECT = "reject"
    DISMISS = "dismiss"
    EDIT = "edit"
    LOCK = "lock"
    UNLOCK = "unlock"
    PIN = "pin"
    UNPIN = "unpin"
    MOVE = "move"
    SUSPEND = "suspend"
    LIFT = "lift_suspension"
    ACTIONS = [
        (AUTO_HIDDEN, _("Hidden automatically after reports")), (HIDE, _("Hidden")),
        (UNHIDE, _("Unhidden")), (APPROVE, _("Approved")), (REJECT, _("Rejected")),
        (DISMISS, _("Reports dismissed")), (EDIT, _("Edited")), (LOCK, _("Locked")),
        (UNLOCK, _("Unlocked")), (PIN, _("Pinned")), (UNPIN, _("Unpinned")), (MOVE, _("Moved")),
        (SUSPEND, _("Suspended from posting")), (LIFT, _("Suspension lifted")),
    ]

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")  # None: done by the system
    action = models.CharField(max_length=20, choices=ACTIONS)
    # Kept (set to NULL) when the content goes, so the log outlives what it describes.
    post = models.ForeignKey("sse_community.Post", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    thread = models.ForeignKey("sse_community.Thread", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    space = models.ForeignKey("sse_community.Space", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    target_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("moderation action")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.action} by {self.actor_id} at {self.created_at}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The moderation log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The moderation log is append-only.")
