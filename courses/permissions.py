"""Who may do what in `courses`: every view asks here, nowhere else."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, Value
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from .models import CoursePage, Enrolment


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


def view_restrictions(page):
    """The view restrictions on a page and its ancestors, in one query (Wagtail's
    get_view_restrictions takes two). Those on the original of an alias among them
    count too, as for Wagtail, and so do the alias's own: never a looser check."""
    paths = [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
    return list(PageViewRestriction.objects.filter(
        Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
    ).select_related("page").distinct())


def is_open_to(page, request):
    """Live, and every view restriction on the page or above it satisfied by this
    request (password, login, groups)."""
    if not page.live:
        return False
    return all(restriction.accept_request(request) for restriction in view_restrictions(page))


def check_course_open(course, request):
    if not is_open_to(course, request):
        raise Refused(404, _("This course is not available."))


def check_step_open(step, request):
    module_live = Page.objects.filter(path=step.path[: -step.steplen], live=True).exists()
    if not (module_live and is_open_to(step, request)):
        raise Refused(404, _("This step is not available."))


def open_step(step, request):
    """The course of a step this request may work on: the step, its module and its
    course live, and every view restriction on them or above satisfied. Returns the
    course's row (id, path, translation_key, and `enrolled` for a signed-in user), in
    two queries; raises Refused (404) saying whether the course or the step is closed."""
    module_path = step.path[: -step.steplen]
    course_path = module_path[: -step.steplen]
    rows = Page.objects.filter(path__in=[course_path, module_path])
    if request.user.is_authenticated:
        rows = rows.annotate(enrolled=Exists(Enrolment.objects.filter(
            user=request.user, course_key=OuterRef("translation_key"))))
    else:
        rows = rows.annotate(enrolled=Value(False))
    found = {row.path: row for row in rows.values_list(
        "id", "path", "live", "translation_key", "content_type_id", "enrolled", named=True)}
    course, module = found.get(course_path), found.get(module_path)
    if course is None or course.content_type_id != ContentType.objects.get_for_model(CoursePage).id:
        raise Refused(404, _("This step is not available."))
    refused = [r for r in view_restrictions(step) if not r.accept_request(request)]
    if not course.live or any(course_path.startswith(r.page.path) for r in refused):
        raise Refused(404, _("This course is not available."))
    if not (module and module.live and step.live) or refused:
        raise Refused(404, _("This step is not available."))
    return course


def check_enrolled(user, course_key):
    if not Enrolment.objects.filter(user=user, course_key=course_key).exists():
        raise Refused(403, _("Enrol in this course first."))


def check_enrolled_in(course):
    """For a course row from open_step: no query."""
    if not course.enrolled:
        raise Refused(403, _("Enrol in this course first."))
