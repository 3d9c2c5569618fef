"""Ideas and practices: cards in a round of ideas, supports with a per-space limit,
and endorsement by the community at a threshold.

Concurrency: a support locks the person's allowance row for the space (so their
parallel clicks are counted one after the other) and then the idea's row (so the
count and the endorsement move together); the unique constraint keeps one support
per person per idea. Locks are always taken in that order, so supports and
withdrawals cannot deadlock.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import attachments, conf, hooks, ratelimit
from ..db import get_or_create_safely
from ..models import Idea, Post, Support, SupportAllowance, Thread
from ..permissions import Refused, check_can_act_on_post, check_can_reply
from .posting import _new_post, notify_after_commit, set_tags


def add_idea(user, thread, *, title, need, description, country, language, tags=(), files=()):
    check_can_reply(user, thread)
    if thread.kind != Thread.IDEAS:
        raise Refused(400, _("Ideas are shared in a round of ideas."))
    checked_files = attachments.check_uploads(files)
    ratelimit.hit(user, "post")
    status = hooks.initial_status(user, thread.topic.space)
    with transaction.atomic():
        post = _new_post(thread, user, description, language, status, depth=Post.RESPONSE)
        idea = Idea.objects.create(post=post, title=title, need=need, country=country)
        set_tags(idea, tags)
        attachments.save_for(post, checked_files)
        if status == Post.PUBLISHED:
            Thread.objects.filter(pk=thread.pk).update(last_activity_at=timezone.now())
        notify_after_commit(post)
    return idea


def _check_can_support(user, idea):
    post = idea.post
    check_can_act_on_post(user, post)
    if post.thread.closed:
        raise Refused(409, _("This round of ideas is closed."))
    if post.author_id == user.pk:
        raise Refused(400, _("You cannot support your own idea."))


def support(user, idea):
    _check_can_support(user, idea)
    ratelimit.hit(user, "support")
    space = idea.post.thread.topic.space
    limit, threshold = conf.supports_per_space(), conf.endorsement_threshold()
    get_or_create_safely(SupportAllowance, {"user": user, "space": space})
    with transaction.atomic():
        allowance = SupportAllowance.objects.select_for_update().get(user=user, space=space)
        if Support.objects.filter(idea=idea, user=user).exists():
            raise Refused(409, _("You already support this idea."))
        if allowance.used >= limit:
            raise Refused(409, _("You have used all your %(count)d supports in this space. "
                                 "Withdraw one to support another idea.") % {"count": limit})
        try:
            with transaction.atomic():
                Support.objects.create(idea=idea, user=user, space=space)
        except IntegrityError:
            raise Refused(409, _("You already support this idea.")) from None
        allowance.used += 1
        allowance.save(update_fields=["used"])
        locked = Idea.objects.select_for_update().get(pk=idea.pk)
        locked.support_count += 1
        fields = ["support_count"]
        if locked.support_count >= threshold and locked.endorsed_at is None:
            locked.endorsed_at = timezone.now()
            fields.append("endorsed_at")
        locked.save(update_fields=fields)
    return locked


def withdraw_support(user, idea):
    """Gives the support back to the person. An endorsement, once reached, stays."""
    _check_can_support(user, idea)
    space = idea.post.thread.topic.space
    with transaction.atomic():
        allowance = SupportAllowance.objects.select_for_update().filter(user=user, space=space).first()
        removed, _details = Support.objects.filter(idea=idea, user=user).delete()
        if not removed or allowance is None:
            raise Refused(409, _("You do not support this idea."))
        allowance.used -= 1
        allowance.save(update_fields=["used"])
        locked = Idea.objects.select_for_update().get(pk=idea.pk)
        locked.support_count -= 1
        locked.save(update_fields=["support_count"])
    return locked


def supports_left(user, space):
    used = (SupportAllowance.objects.filter(user=user, space=space)
            .values_list("used", flat=True).first()) or 0
    return max(0, conf.supports_per_space() - used)
