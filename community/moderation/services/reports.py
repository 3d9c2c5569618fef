"""Learners report posts; enough distinct open reports hide a post until a moderator looks."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from community import ratelimit
from community.models import Post

from .. import alerts, conf
from ..models import ModerationAction, Report
from ..permissions import Refused, check_can_report
from .audit import record

NOTE_MAX = 500


def _already_reported():
    return _("You have already reported this post; a moderator will look at it.")


def clean_reason(reason, note):
    if reason not in dict(Report.REASONS):
        raise Refused(400, _("Choose a reason for the report."))
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise Refused(400, _("The note is too long (at most %(count)d characters).") % {"count": NOTE_MAX})
    if reason == Report.OTHER and not note:
        raise Refused(400, _("Please say what is wrong with this post."))
    return reason, note


def report(user, post, *, reason, note=""):
    """Report `post`. Returns the Report. The Nth distinct open report hides the post."""
    check_can_report(user, post)
    reason, note = clean_reason(reason, note)
    if Report.objects.filter(post=post, reporter=user, resolved_at__isnull=True).exists():
        raise Refused(409, _already_reported())
    ratelimit.hit(user, "report")
    try:
        with transaction.atomic():
            # The post row is the lock: parallel reports are counted one after another,
            # so exactly one of them sees the threshold reached on a published post.
            locked = Post.objects.select_for_update().get(pk=post.pk)
            created = Report.objects.create(post=locked, reporter=user, reason=reason, note=note)
            open_reports = (Report.objects.filter(post=locked, resolved_at__isnull=True)
                            .values("reporter").distinct().count())
            if open_reports >= conf.reports_to_hide() and locked.status == Post.PUBLISHED:
                locked.status = Post.HIDDEN
                locked.save(update_fields=["status"])
                record(None, ModerationAction.AUTO_HIDDEN, post=locked,
                       details={"reports": open_reports})
                alerts.hidden_by_reports(locked)  # a moderator confirms or restores it
    except IntegrityError as clash:  # a parallel click by the same person won the constraint
        raise Refused(409, _already_reported()) from clash
    return created
