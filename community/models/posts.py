"""Posts (the opening message, responses and comments), their history, likes and attachments."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.storage import delete_files_with_rows, private_storage


class Post(models.Model):
    PUBLISHED = "published"
    HIDDEN = "hidden"
    PENDING = "pending"
    STATUSES = [(PUBLISHED, _("Published")), (HIDDEN, _("Hidden by a moderator")),
                (PENDING, _("Awaiting approval"))]

    # Depth: the thread's opening message, a response to it, or a comment on a response.
    OPENING = 0
    RESPONSE = 1
    COMMENT = 2

    thread = models.ForeignKey("sse_community.Thread", on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="comments")
    depth = models.PositiveSmallIntegerField(default=RESPONSE)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="community_posts")
    # Copied from the thread in a divided topic, so moderation queues filter posts directly.
    cohort = models.ForeignKey("sse_courses.Cohort", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="community_posts")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    body_markdown = models.TextField(_("text"))
    body_html = models.TextField(editable=False)  # nh3-sanitised rendering of body_markdown
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=PUBLISHED,
                              db_index=True)
    like_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Set by the task that notifies followers, in its transaction: they hear of it once.
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The key the form was rendered with: a second submit of that form (a double click,
    # a resend) finds this post instead of making another.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("post")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["thread"], condition=models.Q(depth=0),
                                    name="community_one_opening_post"),
            models.CheckConstraint(condition=models.Q(depth__lte=2), name="community_post_depth"),
            models.CheckConstraint(
                condition=models.Q(depth=2, parent__isnull=False) | models.Q(depth__lt=2,
                                                                             parent__isnull=True),
                name="community_comment_has_parent",
            ),
            models.UniqueConstraint(fields=["author", "submission_key"],
                                    name="community_one_post_per_submission"),
        ]
        indexes = [models.Index(fields=["thread", "depth", "created_at"],
                                name="community_post_listing")]

    def __str__(self):
        return f"post {self.pk} in {self.thread_id}"


class PostRevision(models.Model):
    """The text a post had before an edit, by its author or by a moderator."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    old_body = models.TextField()
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("post revision")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"revision of {self.post_id}"


class PostLike(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="community_one_like")]

    def __str__(self):
        return f"{self.user_id} likes {self.post_id}"


class Attachment(models.Model):
    """An image or PDF attached to a post. Kept in the academy's private storage
    (courses.storage) and served by a view that checks visibility, never from a public path."""

    IMAGE = "image"
    PDF = "pdf"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=5, choices=[(IMAGE, _("Image")), (PDF, _("PDF"))])
    filename = models.CharField(_("file name"), max_length=150)  # cleaned, for display only
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(upload_to="community/", storage=private_storage, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        ordering = ["created_at"]

    def __str__(self):
        return self.filename


delete_files_with_rows(Attachment, "file")


class PostTranslation(models.Model):
    """A cached machine translation of a post into one language."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=10)
    body_html = models.TextField()  # sanitised like any post text
    provider = models.CharField(max_length=100)
    source_body = models.TextField()  # the text translated, so an edit invalidates the cache
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "language"],
                                               name="community_one_translation_per_language")]

    def __str__(self):
        return f"{self.post_id} in {self.language}"
