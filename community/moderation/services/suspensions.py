"""Suspending a person from posting in a space for a period, and lifting it early."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.permissions import can_moderate, can_participate

from ..models import ModerationAction, Suspension
from ..permissions import Refused, check_can_moderate
from .audit import record
from .posts import clean_reason


def suspend(actor, user, space, *, until, reason):
    check_can_moderate(actor, space)
    reason = clean_reason(reason, required=True)
    if until is None or until <= timezone.now():
        raise Refused(400, _("The end of the suspension must be in the future."))
    if user.pk == actor.pk:
        raise Refused(400, _("You cannot suspend yourself."))
    if not can_participate(user, space):
        raise Refused(400, _("This person does not take part in this space."))
    if can_moderate(user, space):
        raise Refused(400, _("A moderator of this space cannot be suspended from it."))
    with transaction.atomic():
        suspension = Suspension.objects.create(user=user, space=space, until=until, reason=reason,
                                               by=actor)
        record(actor, ModerationAction.SUSPEND, space=space, target_user=user, reason=reason,
               details={"until": until.isoformat(), "suspension": suspension.pk})
    return suspension


def lift(actor, suspension, reason=""):
    check_can_moderate(actor, suspension.space)
    reason = clean_reason(reason)
    with transaction.atomic():
        locked = Suspension.objects.select_for_update().get(pk=suspension.pk)
        if locked.lifted_at is not None or locked.until <= timezone.now():
            raise Refused(409, _("This suspension is no longer in force."))
        locked.lifted_at = timezone.now()
        locked.save(update_fields=["lifted_at"])
        record(actor, ModerationAction.LIFT, space=locked.space, target_user=locked.user,
               reason=reason, details={"suspension": locked.pk})
    return locked
