"""The read side of progress: a course's outline with one learner's standing.

A course page, module page or step page builds its outline with a fixed number
of queries whatever the course size: one for the tree, one for the enrolment,
one for the learner's progress rows.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import get_language
from wagtail.models import Page

from .models import Enrolment, StepProgress, step_page_models

OUTLINE_FIELDS = (
    "id", "title", "url_path", "path", "depth", "translation_key", "content_type_id", "locale_id",
)


@dataclass
class StepItem:
    page_id: int
    key: object
    title: str
    url: str
    kind: str
    completed: bool = False
    last_viewed_at: object = None
    answers: dict = field(default_factory=dict)
    detail: str = ""  # e.g. a quiz's best grade, from a registered provider


@dataclass
class ModuleItem:
    page_id: int
    key: object
    title: str
    url: str
    steps: list = field(default_factory=list)

    @property
    def done(self):
        return sum(step.completed for step in self.steps)

    @property
    def total(self):
        return len(self.steps)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class CourseOutline:
    course: Page
    url: str
    modules: list
    enrolment: Enrolment | None

    @property
    def course_key(self):
        return self.course.translation_key

    @property
    def steps(self):
        return [step for module in self.modules for step in module.steps]

    @property
    def done(self):
        return sum(module.done for module in self.modules)

    @property
    def total(self):
        return sum(module.total for module in self.modules)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def is_complete(self):
        return self.total > 0 and self.done == self.total

    def step_for(self, key):
        return next((step for step in self.steps if step.key == key), None)

    def module_for(self, key):
        return next((module for module in self.modules if module.key == key), None)

    def module_of_step(self, key):
        return next(
            (m for m in self.modules if any(step.key == key for step in m.steps)), None
        )

    def neighbours(self, key):
        """(previous, next) steps around the step with this key."""
        steps = self.steps
        for index, step in enumerate(steps):
            if step.key == key:
                before = steps[index - 1] if index > 0 else None
                after = steps[index + 1] if index + 1 < len(steps) else None
                return before, after
        return None, None

    @property
    def continue_step(self):
        """Where the learner left off: the last step they opened and did not finish,
        otherwise the first unfinished step."""
        unfinished = [step for step in self.steps if not step.completed]
        opened = [step for step in unfinished if step.last_viewed_at]
        if opened:
            return max(opened, key=lambda step: step.last_viewed_at)
        return unfinished[0] if unfinished else None


STEP_DETAIL_PROVIDERS = {}


def register_step_details(model, provider):
    """A higher app shows something beside its steps in the course outline:
    `provider(user, step_keys)` returns {step key: short text}, in one query."""
    STEP_DETAIL_PROVIDERS[model._meta.model_name] = provider


def apply_details(outline, user):
    for kind, provider in STEP_DETAIL_PROVIDERS.items():
        steps = {step.key: step for step in outline.steps if step.kind == kind}
        if steps:
            for key, text in provider(user, list(steps)).items():
                steps[key].detail = text


def step_content_type_ids():
    # ContentTypeManager caches these per process: no query after the first call.
    return {ct.id for ct in ContentType.objects.get_for_models(*step_page_models()).values()}


def course_path_of(page):
    """The tree path of the course a course, module or step page belongs to."""
    depth_below_course = {"coursepage": 0, "modulepage": 1}.get(page._meta.model_name, 2)
    return page.path[: len(page.path) - depth_below_course * page.steplen]


def tree_rows(courses):
    """One query: every live module and step under the given course pages, in order."""
    conditions = [Q(path__startswith=c.path, depth__lte=c.depth + 2) for c in courses]
    if not conditions:
        return []
    return list(
        Page.objects.live().public().filter(reduce(or_, conditions)).order_by("path")
        .only(*OUTLINE_FIELDS)
    )


def assemble(course, rows, course_url):
    """A course's outline from its tree rows (rows of other courses are ignored)."""

    def url_of(row):
        return course_url + row.url_path[len(course.url_path):]

    step_types = step_content_type_ids()
    modules, current, current_path = [], None, None
    for row in rows:
        if not row.path.startswith(course.path):
            continue
        if row.depth == course.depth + 1:
            current = ModuleItem(row.id, row.translation_key, row.title, url_of(row))
            current_path = row.path
            modules.append(current)
        elif (row.depth == course.depth + 2 and current and row.path.startswith(current_path)
              and row.content_type_id in step_types):
            kind = ContentType.objects.get_for_id(row.content_type_id).model
            current.steps.append(StepItem(row.id, row.translation_key, row.title, url_of(row), kind))
    return CourseOutline(course=course, url=course_url, modules=modules, enrolment=None)


def apply_progress(outlines, user, answers_for=None):
    """One query: fill the learner's completions into enrolled outlines, and the
    worksheet answers of the step `answers_for` (only that step's, to stay small)."""
    by_key = {step.key: step for o in outlines if o.enrolment for step in o.steps}
    if not by_key:
        return
    rows = StepProgress.objects.filter(user=user, step_key__in=list(by_key)).annotate(
        current_answers=Case(When(step_key=answers_for, then=F("answers")), default=Value(None))
    )
    for key, completed_at, viewed_at, answers in rows.values_list(
        "step_key", "completed_at", "last_viewed_at", "current_answers"
    ):
        by_key[key].completed = completed_at is not None
        by_key[key].last_viewed_at = viewed_at
        by_key[key].answers = answers or {}


def build_outline(page, request, answers_for=None, with_details=False):
    """The outline of the course that `page` (a course, module or step) belongs to."""
    course_path = course_path_of(page)
    rows = tree_rows([Page(path=course_path, depth=len(course_path) // page.steplen)])
    course = rows[0] if rows and rows[0].path == course_path else page
    outline = assemble(course, rows, course.get_url(request) or "")
    if request.user.is_authenticated:
        outline.enrolment = Enrolment.objects.filter(
            user=request.user, course_key=course.translation_key
        ).first()
        apply_progress([outline], request.user, answers_for)
        if with_details and outline.enrolment is not None:
            apply_details(outline, request.user)
    return outline


def learner_courses(request):
    """The outlines of every course the learner is enrolled in, in the active
    language where it exists: a fixed number of queries, whatever the number of courses."""
    from .models import CoursePage

    enrolments = {
        e.course_key: e
        for e in Enrolment.objects.filter(user=request.user).order_by(
            F("last_activity_at").desc(nulls_last=True), "-enrolled_at"
        )
    }
    course_type = ContentType.objects.get_for_model(CoursePage)
    candidates = Page.objects.live().filter(
        translation_key__in=list(enrolments), content_type=course_type
    ).select_related("locale").only(*OUTLINE_FIELDS, "locale__language_code")
    language = get_language()
    chosen = {}
    for course in candidates:
        best = chosen.get(course.translation_key)
        if best is None or course.locale.language_code == language:
            chosen[course.translation_key] = course
    rows = tree_rows(chosen.values())
    outlines = []
    for key, enrolment in enrolments.items():
        course = chosen.get(key)
        if course is None:
            continue
        outline = assemble(course, rows, course.get_url(request) or "")
        outline.enrolment = enrolment
        outlines.append(outline)
    apply_progress(outlines, request.user)
    return outlines


@dataclass
class CourseCard:
    page: Page
    url: str
    enrolment: Enrolment | None


def course_cards(pages, request):
    """Live, public courses among `pages`, with the learner's enrolment if any."""
    from .models import CoursePage

    courses = list(
        CoursePage.objects.live().public()
        .filter(id__in=pages.values("id"))
        .select_related("cover_image")
        .order_by("path")
    )
    enrolments = {}
    if request.user.is_authenticated:
        enrolments = {
            e.course_key: e
            for e in Enrolment.objects.filter(
                user=request.user, course_key__in=[c.translation_key for c in courses]
            )
        }
    return [
        CourseCard(course, course.get_url(request), enrolments.get(course.translation_key))
        for course in courses
    ]
