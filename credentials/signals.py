"""Listen to courses: a completed course queues its certificate."""

from django.conf import settings
from django.utils import translation


def certificate_language():
    """The language the learner was using when they finished (the request's
    language: the signal is sent in that request, after commit). Outside a request
    (a recount after a trainer changed a course) it is the site's default."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    codes = [code for code, _name in settings.LANGUAGES]
    base = language.split("-")[0]
    return language if language in codes else base if base in codes else settings.LANGUAGE_CODE


def queue_certificate(sender, user, course_key, enrolment, **kwargs):
    from .tasks import issue_certificate

    issue_certificate.delay(user.pk, str(course_key), certificate_language())
