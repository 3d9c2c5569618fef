"""Who may do what in `courses`: every view asks here, nowhere else."""

from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import Enrolment


class Refused(Exception):
    """An action is not allowed; `status` and `message` say why, for the response."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def check_signed_in(user, message):
    """Checked first, so that anonymous visitors learn nothing about page ids."""
    if not user.is_authenticated:
        raise Refused(403, message)


def is_open_to(page, request):
    """Live, with live ancestors up to the course, and every view restriction on
    the page or above it satisfied by this request (password, login, groups)."""
    if not page.live:
        return False
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def check_course_open(course, request):
    if not is_open_to(course, request):
        raise Refused(404, _("This course is not available."))


def check_step_open(step, request):
    module_live = Page.objects.filter(path=step.path[: -step.steplen], live=True).exists()
    if not (module_live and is_open_to(step, request)):
        raise Refused(404, _("This step is not available."))


def check_enrolled(user, course_key):
    if not Enrolment.objects.filter(user=user, course_key=course_key).exists():
        raise Refused(403, _("Enrol in this course first."))
