"""Announcements to a cohort and messages to one learner: recorded with the task that
emails them (the outbox, courses.outbox), which is sent once the record is committed."""

from django.db import transaction
from django.utils.translation import gettext as _

from courses.models import CohortMembership
from courses.outbox import enqueue_after_commit
from courses.permissions import Refused

from ..models import Announcement, LearnerMessage
from ..tasks import email_announcement, email_learner_message


def announce(cohort, author, title, body, site_url):
    with transaction.atomic():
        announcement = Announcement.objects.create(cohort=cohort, author=author, title=title,
                                                   body=body)
        enqueue_after_commit(email_announcement, announcement.pk, site_url)
    return announcement


def member_of(cohort, user_id):
    """A learner of this cohort; someone else's id is answered like a missing one."""
    membership = (CohortMembership.objects.select_related("user")
                  .filter(cohort=cohort, user_id=user_id).first())
    if membership is None:
        raise Refused(404, _("This learner is not in this cohort."))
    return membership.user


def message_learner(cohort, sender, recipient, subject, body):
    with transaction.atomic():
        message = LearnerMessage.objects.create(cohort=cohort, sender=sender, recipient=recipient,
                                                subject=subject, body=body)
        enqueue_after_commit(email_learner_message, message.pk)
    return message


def cohort_announcements(cohort_ids, limit=10):
    """The latest announcements of these cohorts (a learner's), newest first: one
    query, none when the learner is in no cohort."""
    if not cohort_ids:
        return []
    return list(Announcement.objects.filter(cohort_id__in=cohort_ids)
                .select_related("cohort", "author").order_by("-created_at")[:limit])
