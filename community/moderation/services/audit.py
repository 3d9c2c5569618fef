"""The one writer of the moderation log."""

from ..models import ModerationAction


def record(actor, action, *, post=None, thread=None, space=None, target_user=None, reason="",
           details=None):
    """Append one entry; call inside the transaction of the change it describes."""
    if post is not None and thread is None:
        thread = post.thread
    if thread is not None and space is None:
        space = thread.topic.space
    return ModerationAction.objects.create(
        actor=actor, action=action, post=post, thread=thread, space=space,
        target_user=target_user, reason=reason, details=details or {},
    )
