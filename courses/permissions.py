"""Who may do what in `courses`: every view asks here, nowhere else."""

from django.utils.translation import gettext as _

from .models import Enrolment


class Refused(Exception):
    """An action is not allowed; `status` and `message` say why, for the response."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def check_course_open(course):
    """A course that is not live or is restricted cannot be enrolled in or studied."""
    if not course.live or course.get_view_restrictions().exists():
        raise Refused(404, _("This course is not available."))


def check_can_enrol(user, course):
    if not user.is_authenticated:
        raise Refused(403, _("Please log in to enrol."))
    check_course_open(course)


def check_can_study(user, step, course_key):
    """The learner must be enrolled in the course the step belongs to."""
    if not user.is_authenticated:
        raise Refused(403, _("Please log in to save your progress."))
    if not step.live:
        raise Refused(404, _("This step is not available."))
    if not Enrolment.objects.filter(user=user, course_key=course_key).exists():
        raise Refused(403, _("Enrol in this course first."))
