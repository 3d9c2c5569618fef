"""Fetching what a URL names, through visibility: what a person may not see is a 404."""

from django.utils.translation import gettext as _

from ..models import Idea, Post
from ..permissions import Refused
from ..visibility import visible_posts, visible_spaces, visible_threads


def space_or_404(user, space_id):
    space = visible_spaces(user).select_related("cohort").filter(pk=space_id).first()
    if space is None:
        raise Refused(404, _("This space does not exist or is not open to you."))
    return space


def thread_or_404(user, thread_id):
    thread = (visible_threads(user)
              .select_related("topic__space__cohort", "author", "cohort", "synthesis__author")
              .filter(pk=thread_id).first())
    if thread is None:
        raise Refused(404, _("This discussion does not exist or is not open to you."))
    return thread


def post_or_404(user, post_id):
    post = (visible_posts(user).select_related("thread__topic__space", "author")
            .filter(pk=post_id).first())
    if post is None:
        raise Refused(404, _("This post does not exist or is not open to you."))
    return post


def idea_or_404(user, idea_id):
    idea = Idea.objects.select_related("post__thread__topic__space").filter(pk=idea_id).first()
    if idea is None or not visible_posts(user).filter(pk=idea.post_id, status=Post.PUBLISHED).exists():
        raise Refused(404, _("This idea does not exist or is not open to you."))
    return idea


def topic_of(space, topic_id):
    topic = space.topics.filter(pk=topic_id).first() if topic_id else None
    if topic_id and topic is None:
        raise Refused(404, _("This topic does not exist in this space."))
    return topic
