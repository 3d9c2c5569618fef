"""Where a learner stands in each course they are enrolled in, for a dashboard.

Read from the counters courses.progress keeps on Enrolment, never from the course
tree: two queries whatever the number and size of the courses. The first reads the
enrolments, each with the step the learner last opened and has not finished; the
second the pages they name, in the active language where it exists.
"""

from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import get_language
from wagtail.models import Page, Site

from .models import CoursePage, Enrolment, StepProgress
from .outline import not_restricted


@dataclass
class StepLink:
    url: str
    title: str = ""  # empty when the link goes through the "continue" redirect


@dataclass
class CourseStanding:
    course: object  # the course's row: id, title, url_path, path, translation_key
    url: str
    enrolment: Enrolment
    continue_step: StepLink | None = None
    plan_export: object = None  # set by the dashboard

    @property
    def course_key(self):
        return self.enrolment.course_key

    @property
    def done(self):
        return self.enrolment.completed_steps

    @property
    def total(self):
        return self.enrolment.total_steps

    @property
    def percent(self):
        return self.enrolment.percent

    @property
    def is_complete(self):
        return self.total > 0 and self.done == self.total


def last_opened_step():
    """The step of the enrolment's course the learner opened last and has not finished."""
    return Subquery(
        StepProgress.objects.filter(
            user=OuterRef("user"), course_key=OuterRef("course_key"), completed_at__isnull=True
        ).order_by("-last_viewed_at").values("step_key")[:1]
    )


def in_language(rows, language):
    """{translation key: row}, the row in `language` where there is one."""
    chosen = {}
    for row in rows:
        if row.translation_key not in chosen or row.language == language:
            chosen[row.translation_key] = row
    return chosen


def learner_standings(request):
    """The learner's courses, most recently active first, with their progress and a
    link to go on: straight to the step they left open, else through the course's
    "continue" address, which finds the first unfinished step when followed."""
    enrolments = list(
        Enrolment.objects.filter(user=request.user).annotate(opened_key=last_opened_step())
        .order_by(F("last_activity_at").desc(nulls_last=True), "-enrolled_at")
    )
    if not enrolments:
        return []
    course_keys = [e.course_key for e in enrolments]
    step_keys = [e.opened_key for e in enrolments if e.opened_key]
    rows = list(
        Page.objects.live()
        .filter(Q(translation_key__in=course_keys, content_type=course_type())
                | Q(Q(translation_key__in=step_keys) & not_restricted()))
        .annotate(language=F("locale__language_code"))
        .values_list("id", "title", "url_path", "path", "translation_key", "language", named=True)
    )
    keys = set(course_keys)
    courses = in_language([row for row in rows if row.translation_key in keys], get_language())
    one_site = len({root.site_id for root in Site.get_site_root_paths()}) == 1
    standings = []
    for enrolment in enrolments:
        course = courses.get(enrolment.course_key)
        if course is None:
            continue
        standing = CourseStanding(course, url_for(course, request, one_site), enrolment)
        if enrolment.total_steps and enrolment.completed_steps < enrolment.total_steps:
            step = next((r for r in rows if r.translation_key == enrolment.opened_key
                         and r.path.startswith(course.path)), None)
            standing.continue_step = (
                StepLink(url_for(step, request, one_site), step.title) if step
                else StepLink(reverse("sse_courses:continue", args=[course.id]))
            )
        standings.append(standing)
    return standings


def course_type():
    # ContentTypeManager caches it per process.
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(CoursePage)


def url_for(row, request, one_site):
    """What Page.get_url gives (relative on a one-site install), from the url_path and
    the site's cached root paths, without the query for the request's Site that
    get_url makes in a view Wagtail did not route."""
    parts = Page(url_path=row.url_path).get_url_parts(request)
    if not parts or parts[2] is None:
        return ""
    _site_id, root_url, path = parts
    return path if one_site else root_url + path
