"""H5P libraries and packages (the files live in the H5P storage, h5p/files.py), and what learners
did with them: xAPI statements (what happened) and results (where they stand)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from ..storage import private_storage


class H5PLibrary(models.Model):
    """A library stored once, shared by every package that uses it."""

    machine_name = models.CharField(max_length=127)
    major = models.PositiveIntegerField()
    minor = models.PositiveIntegerField()
    patch = models.PositiveIntegerField()
    title = models.CharField(max_length=255)
    definition = models.JSONField(default=dict)  # its library.json

    class Meta:
        verbose_name = _("H5P library")
        verbose_name_plural = _("H5P libraries")
        constraints = [models.UniqueConstraint(fields=["machine_name", "major", "minor"],
                                               name="one_h5p_library_per_minor_version")]

    def __str__(self):
        return f"{self.machine_name} {self.major}.{self.minor}.{self.patch}"

    @property
    def folder(self):
        return f"{self.machine_name}-{self.major}.{self.minor}"


class H5PPackage(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=255)
    main_library = models.CharField(max_length=127)
    h5p_json = models.JSONField(default=dict)
    libraries = models.ManyToManyField(H5PLibrary, related_name="packages", blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("title")]  # the rest comes from the package itself

    class Meta:
        verbose_name = _("H5P package")
        ordering = ["title"]

    def __str__(self):
        return self.title


class H5PUpload(models.Model):
    """A package waiting to be imported (big ones go through a Celery task)."""

    PENDING, IMPORTED, REJECTED = "pending", "imported", "rejected"
    STATES = [(PENDING, _("being imported")), (IMPORTED, _("imported")), (REJECTED, _("rejected"))]

    file = models.FileField(upload_to="h5p-uploads/", storage=private_storage)
    original_name = models.CharField(max_length=255)
    state = models.CharField(max_length=10, choices=STATES, default=PENDING)
    message = models.TextField(blank=True)
    package = models.ForeignKey(H5PPackage, null=True, blank=True, on_delete=models.SET_NULL)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("H5P upload")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.original_name} ({self.state})"


class XAPIStatement(models.Model):
    id = models.UUIDField(primary_key=True)  # the statement's own id
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="xapi_statements")
    step_key = models.UUIDField()
    course_key = models.UUIDField(db_index=True)
    block_id = models.CharField(max_length=64)
    verb = models.CharField(max_length=255)
    statement = models.JSONField()
    stored = models.DateTimeField()
    forwarded_at = models.DateTimeField(null=True, blank=True)  # to the external LRS
    # The external LRS refused this statement (a 4xx): set aside, with its answer, so the
    # others go on; an operator sees them in the admin and may send them again.
    refused_at = models.DateTimeField(_("refused by the LRS"), null=True, blank=True)
    refusal = models.TextField(_("the LRS's answer"), blank=True)

    class Meta:
        verbose_name = _("xAPI statement")
        ordering = ["stored"]
        indexes = [models.Index(fields=["forwarded_at"], name="xapi_to_forward")]

    def __str__(self):
        return f"{self.user} {self.verb} ({self.stored:%Y-%m-%d %H:%M})"


class H5PResult(models.Model):
    """A learner's standing on one H5P block: score, completion, saved state."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="h5p_results")
    step_key = models.UUIDField()
    block_id = models.CharField(max_length=64)
    package = models.ForeignKey(H5PPackage, on_delete=models.CASCADE, related_name="results")
    raw = models.FloatField(null=True)
    max = models.FloatField(null=True)
    scaled = models.FloatField(null=True)
    completed = models.BooleanField(default=False)
    passed = models.BooleanField(null=True)
    state = models.TextField(blank=True)  # the player's contentUserData
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("H5P result")
        constraints = [models.UniqueConstraint(fields=["user", "step_key", "block_id"],
                                               name="one_h5p_result_per_block")]

    def __str__(self):
        return f"{self.user} · {self.package}"
