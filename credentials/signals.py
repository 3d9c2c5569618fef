"""Listen to courses: a completed course queues its certificate."""

from django.conf import settings
from django.utils import translation


def certificate_language():
    """The language the learner was using when they finished (the request's
    language: the signal is sent in that request). Outside a request
    (a recount after a trainer changed a course) it is the site's default."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    codes = [code for code, _name in settings.LANGUAGES]
    base = language.split("-")[0]
    return language if language in codes else base if base in codes else settings.LANGUAGE_CODE


def queue_certificate(sender, user, course_key, enrolment, **kwargs):
    """Recorded with the completion (the signal is sent in its transaction), sent to
    the broker after the commit, or later by the outbox sweeper if it is down."""
    from courses.outbox import enqueue_after_commit

    from .tasks import issue_certificate

    enqueue_after_commit(issue_certificate, user.pk, str(course_key), certificate_language())
