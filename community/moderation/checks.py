"""What moderation plugs into community's posting hooks (registered in apps.ready)."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from community.models import Post
from community.permissions import can_moderate

from . import conf
from .models import Suspension


def refuse_suspended(user, space):
    """posting_check: an active suspension in this space refuses the post, saying until when."""
    suspension = (Suspension.active().filter(user=user, space=space)
                  .order_by("-until").only("until").first())
    if suspension is None:
        return None
    return _("You are suspended from posting in this space until %(date)s.") % {
        "date": formats.date_format(timezone.localtime(suspension.until), "DATETIME_FORMAT")}


def hold_first_posts(user, space):
    """initial_status_check: a new account's posts wait for approval until
    ACADEMY_COMMUNITY_APPROVE_FIRST_POSTS of them have been approved."""
    needed = conf.approve_first_posts()
    if not needed or can_moderate(user, space):
        return None
    approved = Post.objects.filter(author=user, status=Post.PUBLISHED).count()
    return Post.PENDING if approved < needed else None
