"""Moderator actions on one post: hide, unhide, approve, reject, dismiss reports, edit."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import Post, PostRevision, Thread
from community.rendering import render_markdown
from community.services.posting import notify_after_commit

from ..models import ModerationAction, Report
from ..permissions import Refused, check_can_moderate
from .audit import record

REASON_MAX = 300

# action name → (statuses it applies to, status after, outcome given to the open reports)
STATUS_ACTIONS = {
    ModerationAction.HIDE: ({Post.PUBLISHED, Post.HIDDEN}, Post.HIDDEN, Report.HIDDEN),
    ModerationAction.UNHIDE: ({Post.HIDDEN}, Post.PUBLISHED, Report.DISMISSED),
    ModerationAction.APPROVE: ({Post.PENDING}, Post.PUBLISHED, None),
    ModerationAction.REJECT: ({Post.PENDING}, Post.HIDDEN, None),
    ModerationAction.DISMISS: ({Post.PUBLISHED, Post.HIDDEN}, None, Report.DISMISSED),
}
POST_ACTIONS = [*STATUS_ACTIONS, ModerationAction.EDIT]


def clean_reason(reason, required=False):
    reason = (reason or "").strip()
    if required and not reason:
        raise Refused(400, _("Give a reason: it is kept in the post's history."))
    if len(reason) > REASON_MAX:
        raise Refused(400, _("The reason is too long (at most %(count)d characters).")
                      % {"count": REASON_MAX})
    return reason


def _resolve_reports(post, actor, outcome, now):
    return (Report.objects.filter(post=post, resolved_at__isnull=True)
            .update(resolved_at=now, resolved_by=actor, outcome=outcome))


def _refuse_state(action):
    messages = {
        ModerationAction.HIDE: _("This post is already hidden and has no open report."),
        ModerationAction.UNHIDE: _("Only a hidden post can be unhidden."),
        ModerationAction.APPROVE: _("Only a post awaiting approval can be approved."),
        ModerationAction.REJECT: _("Only a post awaiting approval can be rejected."),
        ModerationAction.DISMISS: _("This post has no open report to dismiss."),
    }
    return Refused(409, messages[action])


def change_status(actor, post, action, reason=""):
    """Apply one of STATUS_ACTIONS; refuse (409) when the post is not in a state it applies to."""
    if action not in STATUS_ACTIONS:
        raise Refused(400, _("Unknown moderation action."))
    check_can_moderate(actor, post.thread)
    reason = clean_reason(reason)
    allowed, new_status, outcome = STATUS_ACTIONS[action]
    now = timezone.now()
    with transaction.atomic():
        locked = Post.objects.select_for_update().select_related("thread__topic__space").get(pk=post.pk)
        has_reports = Report.objects.filter(post=locked, resolved_at__isnull=True).exists()
        already_hidden = action == ModerationAction.HIDE and locked.status == Post.HIDDEN
        if (locked.status not in allowed or (already_hidden and not has_reports)
                or (action == ModerationAction.DISMISS and not has_reports)):
            raise _refuse_state(action)
        resolved = _resolve_reports(locked, actor, outcome, now) if outcome else 0
        old_status = locked.status
        if new_status and new_status != old_status:
            locked.status = new_status
            locked.save(update_fields=["status"])
            if new_status == Post.PUBLISHED and locked.depth > Post.OPENING:
                Thread.objects.filter(pk=locked.thread_id).update(last_activity_at=now)
        record(actor, action, post=locked, target_user=locked.author, reason=reason,
               details={"from": old_status, "to": locked.status, "reports_resolved": resolved})
        if action == ModerationAction.APPROVE:
            notify_after_commit(locked)
    return locked


def edit(actor, post, *, body, reason):
    """A moderator rewrites a post; the old text and the reason go to its history."""
    check_can_moderate(actor, post.thread)
    reason = clean_reason(reason, required=True)
    body = (body or "").strip()
    if not body:
        raise Refused(400, _("The text of a post cannot be empty."))
    with transaction.atomic():
        locked = Post.objects.select_for_update().select_related("thread__topic__space").get(pk=post.pk)
        if body == locked.body_markdown:
            raise Refused(400, _("The text is unchanged."))
        PostRevision.objects.create(post=locked, editor=actor, old_body=locked.body_markdown,
                                    reason=reason)
        locked.body_markdown = body
        locked.body_html = render_markdown(body)
        locked.edited_at = timezone.now()
        locked.save(update_fields=["body_markdown", "body_html", "edited_at"])
        record(actor, ModerationAction.EDIT, post=locked, target_user=locked.author, reason=reason)
    return locked
