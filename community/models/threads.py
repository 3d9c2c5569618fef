"""Threads (discussion, question, ideas round), their tags and the facilitator's synthesis."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("tag")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Thread(models.Model):
    DISCUSSION = "discussion"
    QUESTION = "question"
    IDEAS = "ideas"
    KINDS = [(DISCUSSION, _("Discussion")), (QUESTION, _("Question")), (IDEAS, _("Ideas round"))]

    topic = models.ForeignKey("sse_community.Topic", on_delete=models.CASCADE, related_name="threads",
                              verbose_name=_("topic"))
    # Set in a topic divided by cohort: only that cohort (and trainers) sees the thread.
    cohort = models.ForeignKey("sse_courses.Cohort", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="community_threads", verbose_name=_("cohort"))
    kind = models.CharField(_("kind"), max_length=12, choices=KINDS, default=DISCUSSION)
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="community_threads")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    tags = models.ManyToManyField(Tag, blank=True, related_name="threads", verbose_name=_("tags"))
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)
    locked = models.BooleanField(_("locked"), default=False)
    pinned = models.BooleanField(_("pinned"), default=False)
    closed = models.BooleanField(_("closed"), default=False)
    accepted_post = models.OneToOneField("sse_community.Post", on_delete=models.SET_NULL, null=True,
                                         blank=True, related_name="accepted_in")

    class Meta:
        verbose_name = _("thread")
        ordering = ["-pinned", "-last_activity_at", "-id"]
        indexes = [models.Index(fields=["topic", "-pinned", "-last_activity_at"],
                                name="community_thread_listing")]

    def __str__(self):
        return self.title

    @property
    def space(self):
        return self.topic.space

    def target_key(self):
        return f"community.thread:{self.pk}"


class Synthesis(models.Model):
    """The facilitator's conclusions that close a thread or a round of ideas."""

    thread = models.OneToOneField(Thread, on_delete=models.CASCADE, related_name="synthesis")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="community_syntheses")
    body_markdown = models.TextField(_("conclusions"))
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)  # followers, once

    class Meta:
        verbose_name = _("synthesis")
        verbose_name_plural = _("syntheses")
        constraints = [
            models.CheckConstraint(condition=~models.Q(body_markdown=""),
                                   name="community_synthesis_has_text"),
        ]

    def __str__(self):
        return f"synthesis of {self.thread_id}"
