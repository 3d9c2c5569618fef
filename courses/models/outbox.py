"""The outbox: follow-up work recorded in the transaction of the write that causes it.

A row is inserted with the write (a completion, a post, an export request) and the
task is handed to the broker after the commit. If the broker is down, the row stays
unsent and `courses.outbox.sweep` hands it over once it is back, so committed work
is never lost and a request never fails because a task could not be queued.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxTask(models.Model):
    task = models.CharField(_("task"), max_length=200)  # a registered Celery task name
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)  # when the broker accepted it
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("queued task")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["created_at"], condition=models.Q(sent_at__isnull=True),
                                name="outbox_unsent")]

    def __str__(self):
        return f"{self.task} · {'sent' if self.sent_at else 'waiting'}"
