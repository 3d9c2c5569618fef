"""Fetching what a moderation URL names: unseen → 404, seen but not moderated → 403."""

from django.utils.translation import gettext as _

from community.permissions import check_signed_in
from community.views.lookup import post_or_404, thread_or_404
from community.visibility import can_see_space

from ..models import Suspension
from ..permissions import Refused, check_can_moderate


def moderated_post(user, post_id):
    check_signed_in(user)
    post = post_or_404(user, post_id)
    check_can_moderate(user, post.thread)
    return post


def moderated_thread(user, thread_id):
    check_signed_in(user)
    thread = thread_or_404(user, thread_id)
    check_can_moderate(user, thread)
    return thread


def moderated_suspension(user, suspension_id):
    check_signed_in(user)
    suspension = Suspension.objects.select_related("space", "user").filter(pk=suspension_id).first()
    if suspension is None or not can_see_space(user, suspension.space):
        raise Refused(404, _("This suspension does not exist or is not yours to manage."))
    check_can_moderate(user, suspension.space)
    return suspension
