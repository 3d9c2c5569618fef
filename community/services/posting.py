"""Starting threads, replying, commenting, editing and liking."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

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


def set_tags(obj, names):
    tags = [Tag.objects.get_or_create(name=name)[0] for name in names]
    obj.tags.set(tags)


def _new_post(thread, author, body, language, status, *, depth, parent=None):
    return Post.objects.create(
        thread=thread, parent=parent, depth=depth, author=author, cohort_id=thread.cohort_id,
        language=language, body_markdown=body, body_html=render_markdown(body), status=status,
    )


def _after_commit(post):
    if post.status == Post.PUBLISHED:
        transaction.on_commit(lambda: notify.post_published(post))


def create_thread(user, topic, *, kind, title, body, language, tags=(), files=(), cohort_id=None):
    space = topic.space
    check_can_post_in_space(user, space)
    if kind == Thread.IDEAS and not can_moderate(user, space):
        raise Refused(403, _("Only a facilitator can open a round of ideas."))
    cohort_id = cohort_for_new_thread(user, topic, cohort_id)
    checked_files = attachments.check_uploads(files)
    ratelimit.hit(user, "post")
    status = hooks.initial_status(user, space)
    with transaction.atomic():
        thread = Thread.objects.create(topic=topic, cohort_id=cohort_id, kind=kind, title=title,
                                       author=user, language=language)
        set_tags(thread, tags)
        post = _new_post(thread, user, body, language, status, depth=Post.OPENING)
        attachments.save_for(post, checked_files)
        notify.follow(user, thread.target_key())
        _after_commit(post)
    return thread


def reply(user, thread, *, body, language, parent=None, files=()):
    """A response to the thread, or a comment on one of its responses (parent)."""
    check_can_reply(user, thread)
    if parent is None and thread.kind == Thread.IDEAS:
        raise Refused(400, _("In a round of ideas, share an idea with the idea form."))
    if parent is not None and (parent.thread_id != thread.pk or parent.depth != Post.RESPONSE
                               or parent.status != Post.PUBLISHED):
        raise Refused(400, _("You can only comment on a published response of this discussion."))
    checked_files = attachments.check_uploads(files)
    ratelimit.hit(user, "post")
    status = hooks.initial_status(user, thread.topic.space)
    depth = Post.COMMENT if parent else Post.RESPONSE
    with transaction.atomic():
        post = _new_post(thread, user, body, language, status, depth=depth, parent=parent)
        attachments.save_for(post, checked_files)
        if status == Post.PUBLISHED:
            Thread.objects.filter(pk=thread.pk).update(last_activity_at=timezone.now())
        notify.follow(user, thread.target_key())
        _after_commit(post)
    return post


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
