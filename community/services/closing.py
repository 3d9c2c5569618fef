"""Accepted answers to questions, and the facilitator's synthesis that closes a thread."""

from django.db import transaction
from django.utils.translation import gettext as _

from courses.outbox import enqueue_after_commit

from ..models import Synthesis, Thread
from ..permissions import Refused, check_can_accept_answer, check_can_write_synthesis
from ..rendering import render_markdown
from ..tasks import notify_synthesis


def accept_answer(user, thread, post):
    """Mark `post` as the accepted answer, or take the mark back if it already is."""
    check_can_accept_answer(user, thread, post)
    accepted = None if thread.accepted_post_id == post.pk else post
    Thread.objects.filter(pk=thread.pk).update(accepted_post=accepted)
    thread.accepted_post = accepted
    return accepted


def write_synthesis(user, thread, *, body):
    check_can_write_synthesis(user, thread)
    body = (body or "").strip()
    if not body:
        raise Refused(400, _("A synthesis needs its conclusions."))
    with transaction.atomic():
        synthesis, created = Synthesis.objects.update_or_create(
            thread=thread,
            defaults={"author": user, "body_markdown": body, "body_html": render_markdown(body)},
        )
        Thread.objects.filter(pk=thread.pk).update(closed=True)
        thread.closed = True
        if created:  # recorded with the synthesis (the outbox); a task tells the followers
            enqueue_after_commit(notify_synthesis, synthesis.pk)
    return synthesis


def reopen(user, thread):
    """Take the synthesis away and open the thread again."""
    check_can_write_synthesis(user, thread)
    with transaction.atomic():
        Synthesis.objects.filter(thread=thread).delete()
        Thread.objects.filter(pk=thread.pk).update(closed=False)
    thread.closed = False
