"""Starting threads, replying, commenting, editing and liking."""

import uuid
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.outbox import enqueue_after_commit

from .. import attachments, hooks, notify, ratelimit
from ..models import Post, PostLike, PostRevision, Tag, Thread
from ..permissions import (
    Refused,
    can_moderate,
    check_can_act_on_post,
    check_can_edit,
    check_can_post_in_space,
    check_can_reply,
    cohort_for_new_thread,
)
from ..rendering import render_markdown
from ..tasks import notify_post


def set_tags(obj, names):
    tags = [Tag.objects.get_or_create(name=name)[0] for name in names]
    obj.tags.set(tags)


def _new_post(thread, author, body, language, status, *, depth, parent=None, submission=None):
    return Post.objects.create(
        thread=thread, parent=parent, depth=depth, author=author, cohort_id=thread.cohort_id,
        language=language, body_markdown=body, body_html=render_markdown(body), status=status,
        submission_key=submission,
    )


def notify_after_commit(post):
    """Record the followers' notification with the post (the outbox); a task sends it."""
    if post.status == Post.PUBLISHED:
        enqueue_after_commit(notify_post, post.pk)


def submission_key(form_key, *texts):
    """The key of one submission: the form's key (new each time the form is shown) with
    what was written, so that a double click is one post, but going back to the same form
    and writing something else is another."""
    if not form_key:
        return None
    return uuid.uuid5(uuid.UUID(str(form_key)), "\n".join(texts))


def _submitted(user, submission):
    """The post this person already made with this submission, if any (a double click)."""
    if not submission:
        return None
    return Post.objects.select_related("thread").filter(author=user,
                                                        submission_key=submission).first()


@contextmanager
def _once(user, submission):
    """Around the writes of a new post: a parallel submit of the same form loses on the
    unique (author, submission_key) and gets the winner's post instead (`found`)."""
    found = []
    try:
        with transaction.atomic():
            yield found
    except IntegrityError:
        earlier = _submitted(user, submission)
        if earlier is None:
            raise
        found.append(earlier)


def create_thread(user, topic, *, kind, title, body, language, tags=(), files=(), cohort_id=None,
                  submission=None):
    """Start a thread. Submitting the same form again with the same text (`submission`:
    the form's key) returns the thread it made the first time."""
    space = topic.space
    check_can_post_in_space(user, space)
    if kind == Thread.IDEAS and not can_moderate(user, space):
        raise Refused(403, _("Only a facilitator can open a round of ideas."))
    submission = submission_key(submission, title, body)
    if earlier := _submitted(user, submission):
        return earlier.thread
    cohort_id = cohort_for_new_thread(user, topic, cohort_id)
    checked_files = attachments.check_uploads(files)
    status = hooks.initial_status(user, space)
    with _once(user, submission) as found:
        thread = Thread.objects.create(topic=topic, cohort_id=cohort_id, kind=kind, title=title,
                                       author=user, language=language)
        set_tags(thread, tags)
        post = _new_post(thread, user, body, language, status, depth=Post.OPENING,
                         submission=submission)
        ratelimit.hit(user, "post")  # after the insert: a duplicate submit is not counted
        attachments.save_for(post, checked_files)
        notify.follow(user, thread.target_key())
        notify_after_commit(post)
    return found[0].thread if found else thread


def reply(user, thread, *, body, language, parent=None, files=(), submission=None):
    """A response to the thread, or a comment on one of its responses (parent).
    Submitting the same form again with the same text returns the first post."""
    check_can_reply(user, thread)
    if parent is None and thread.kind == Thread.IDEAS:
        raise Refused(400, _("In a round of ideas, share an idea with the idea form."))
    if parent is not None and (parent.thread_id != thread.pk or parent.depth != Post.RESPONSE
                               or parent.status != Post.PUBLISHED):
        raise Refused(400, _("You can only comment on a published response of this discussion."))
    submission = submission_key(submission, str(getattr(parent, "pk", "")), body)
    if earlier := _submitted(user, submission):
        return earlier
    checked_files = attachments.check_uploads(files)
    status = hooks.initial_status(user, thread.topic.space)
    depth = Post.COMMENT if parent else Post.RESPONSE
    with _once(user, submission) as found:
        post = _new_post(thread, user, body, language, status, depth=depth, parent=parent,
                         submission=submission)
        ratelimit.hit(user, "post")  # after the insert: a duplicate submit is not counted
        attachments.save_for(post, checked_files)
        if status == Post.PUBLISHED:
            Thread.objects.filter(pk=thread.pk).update(last_activity_at=timezone.now())
        notify.follow(user, thread.target_key())
        notify_after_commit(post)
    return found[0] if found else post


def edit_post(user, post, *, body, title=None, reason=""):
    """The author edits within the window; the old text is kept as a revision."""
    check_can_edit(user, post)
    with transaction.atomic():
        PostRevision.objects.create(post=post, editor=user, old_body=post.body_markdown,
                                    reason=reason)
        post.body_markdown = body
        post.body_html = render_markdown(body)
        post.edited_at = timezone.now()
        post.save(update_fields=["body_markdown", "body_html", "edited_at"])
        if title and post.depth == Post.OPENING:
            Thread.objects.filter(pk=post.thread_id).update(title=title)
    return post


def toggle_like(user, post):
    """Like the post, or take the like back. Returns True when it is now liked."""
    check_can_act_on_post(user, post)
    ratelimit.hit(user, "like")
    with transaction.atomic():
        removed, _details = PostLike.objects.filter(post=post, user=user).delete()
        if removed:
            Post.objects.filter(pk=post.pk).update(like_count=F("like_count") - 1)
            return False
        try:
            with transaction.atomic():
                PostLike.objects.create(post=post, user=user)
        except IntegrityError:  # a parallel click liked it already
            return True
        Post.objects.filter(pk=post.pk).update(like_count=F("like_count") + 1)
        return True
