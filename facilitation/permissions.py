"""Who may see and act on which cohort — every facilitation view asks here, nowhere else.

- Trainers (the Trainers group) and superusers see every cohort and the course reports.
- A facilitator is in the Facilitators group AND among the cohort's facilitators;
  they see and act only on those cohorts.
- Everyone else (learners included) is refused. A cohort the user may not see is
  answered like a missing one (404), so ids reveal nothing.
"""

from django.utils.translation import gettext as _

from courses.models import Cohort
from courses.permissions import Refused, check_signed_in
from courses.roles import FACILITATORS, TRAINERS


def group_names(user):
    """The user's group names, read once per request (cached on the user object)."""
    if not hasattr(user, "_facilitation_groups"):
        user._facilitation_groups = set(user.groups.values_list("name", flat=True))
    return user._facilitation_groups


def is_trainer(user):
    return user.is_authenticated and (user.is_superuser or TRAINERS in group_names(user))


def is_facilitator(user):
    return user.is_authenticated and FACILITATORS in group_names(user)


def may_facilitate(user):
    return is_trainer(user) or is_facilitator(user)


def visible_cohorts(user):
    """The cohorts this user may follow (a queryset; none for learners)."""
    if is_trainer(user):
        return Cohort.objects.all()
    if is_facilitator(user):
        return Cohort.objects.filter(facilitators=user)
    return Cohort.objects.none()


def check_facilitator(user):
    check_signed_in(user, _("Please log in as a facilitator."))
    if not may_facilitate(user):
        raise Refused(403, _("Only facilitators and trainers can open this page."))


def cohort_for(user, cohort_id):
    """The cohort, if this user may follow and act on it; otherwise Refused."""
    check_facilitator(user)
    cohort = visible_cohorts(user).select_related("course").filter(pk=cohort_id).first()
    if cohort is None:
        raise Refused(404, _("This cohort does not exist or is not one of yours."))
    return cohort


def check_trainer(user):
    check_signed_in(user, _("Please log in as a trainer."))
    if not is_trainer(user):
        raise Refused(403, _("Only trainers can read course reports."))


def check_may_use_export(user, export):
    """An export is seen by whoever may see its cohort (not only who asked for it)."""
    cohort_for(user, export.cohort_id)
