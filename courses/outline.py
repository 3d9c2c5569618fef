"""The read side of progress: a course's outline with one learner's standing.

A course page, module page or step page builds its outline in two queries whatever
the course size: one for the tree, as plain rows (never Page objects; view
restrictions are checked inside that query), one for the learner's enrolment and
progress rows together. Pages then render only what a learner needs at a glance:
every module with its progress, the steps of one module (see includes/outline.html).
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    JSONField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.lookups import StartsWith
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from .models import Enrolment, StepProgress, step_page_models

TREE_FIELDS = ("id", "title", "url_path", "path", "depth", "translation_key", "content_type_id")


@dataclass(slots=True)
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

    def progress_label(self):
        # The progress bar's words (includes/progress_bar.html), made once per module
        # here: twenty {% blocktranslate %} were a good part of a long outline's cost.
        done = self.done
        return _("%(percent)s%% — %(done)s of %(total)s steps") % {
            "percent": round(100 * done / self.total) if self.total else 0,
            "done": done, "total": self.total}


@dataclass
class CourseOutline:
    course: object  # the course page, or its tree row (id, title, url_path, translation_key…)
    url: str
    modules: list
    enrolment: object = None  # truthy when the learner is enrolled
    current_key: object = None  # the step being shown, if any

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

    @property
    def open_module(self):
        """The module shown with its steps: the current step's, else the one to continue
        in, else the first. The others show their progress and link to their page."""
        key = self.current_key
        if key is None and self.enrolment:
            following = self.continue_step
            key = following.key if following else None
        return (key and self.module_of_step(key)) or (self.modules[0] if self.modules else None)


STEP_DETAIL_PROVIDERS = {}


def register_step_details(model, provider):
    """A higher app shows something beside its steps in the course outline:
    `provider(user, step_keys)` returns {step key: short text}, in one query."""
    STEP_DETAIL_PROVIDERS[model._meta.model_name] = provider


def apply_details(steps, user):
    """Fill in the registered details of these steps (the ones a page shows)."""
    for kind, provider in STEP_DETAIL_PROVIDERS.items():
        of_kind = {step.key: step for step in steps if step.kind == kind}
        if of_kind:
            for key, text in provider(user, list(of_kind)).items():
                of_kind[key].detail = text


def step_content_type_ids():
    # ContentTypeManager caches these per process: no query after the first call.
    return {ct.id for ct in ContentType.objects.get_for_models(*step_page_models()).values()}


def course_path_of(page):
    """The tree path of the course a course, module or step page belongs to."""
    depth_below_course = {"coursepage": 0, "modulepage": 1}.get(page._meta.model_name, 2)
    return page.path[: len(page.path) - depth_below_course * page.steplen]


def not_restricted():
    """What Wagtail's `.public()` keeps (no view restriction on the page or an
    ancestor), as a subquery of the same query rather than a query of its own."""
    path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    return ~Exists(PageViewRestriction.objects.filter(StartsWith(path, F("page__path"))))


def tree_rows(courses):
    """One query: the given course pages and their live, public modules and steps, in
    tree order, as named tuples of TREE_FIELDS."""
    conditions = [Q(path__startswith=c.path, depth__lte=c.depth + 2) for c in courses]
    if not conditions:
        return []
    return list(
        Page.objects.live().filter(reduce(or_, conditions)).filter(not_restricted())
        .order_by("path").values_list(*TREE_FIELDS, named=True)
    )


def assemble(course, rows, course_url):
    """A course's outline from its tree rows (rows of other courses are ignored)."""
    prefix = len(course.url_path)
    step_types = step_content_type_ids()
    kinds = {}
    modules, current, current_path = [], None, None
    for row in rows:
        if not row.path.startswith(course.path):
            continue
        if row.depth == course.depth + 1:
            current = ModuleItem(row.id, row.translation_key, row.title,
                                 course_url + row.url_path[prefix:])
            current_path = row.path
            modules.append(current)
        elif (row.depth == course.depth + 2 and current and row.path.startswith(current_path)
              and row.content_type_id in step_types):
            kind = kinds.get(row.content_type_id)
            if kind is None:
                kind = kinds[row.content_type_id] = ContentType.objects.get_for_id(
                    row.content_type_id).model
            current.steps.append(StepItem(row.id, row.translation_key, row.title,
                                          course_url + row.url_path[prefix:], kind))
    return CourseOutline(course=course, url=course_url, modules=modules)


def read_standing(outline, user, answers_for=None):
    """One query: the learner's enrolment in the course and their progress rows on its
    steps: whether each is done, when an unfinished one (or `answers_for`) was last
    opened, and the worksheet answers of the step `answers_for` only, to stay small.
    Fills them into the outline; returns it."""
    steps = {step.key: step for step in outline.steps}
    columns = ("is_enrolment", "key", "done", "seen", "current_answers", "id")
    enrolment = Enrolment.objects.filter(user=user, course_key=outline.course_key).annotate(
        is_enrolment=Value(True), key=F("course_key"), done=Value(False),
        seen=Value(None, output_field=DateTimeField()),
        current_answers=Value(None, output_field=JSONField()),
    ).values_list(*columns)
    progress = StepProgress.objects.filter(user=user, step_key__in=list(steps)).annotate(
        is_enrolment=Value(False), key=F("step_key"),
        done=ExpressionWrapper(Q(completed_at__isnull=False), output_field=BooleanField()),
        seen=Case(When(Q(completed_at__isnull=True) | Q(step_key=answers_for),
                       then=F("last_viewed_at")), default=Value(None)),
        current_answers=Case(When(step_key=answers_for, then=F("answers")), default=Value(None)),
    ).values_list(*columns)
    for is_enrolment, key, done, seen, answers, pk in enrolment.union(progress, all=True):
        if is_enrolment:
            # Only what pages ask of it; the counters are the dashboard's (courses.standing).
            outline.enrolment = Enrolment(id=pk, user=user, course_key=key)
        elif key in steps:
            step = steps[key]
            step.completed, step.last_viewed_at, step.answers = bool(done), seen, answers or {}
    if outline.enrolment is None:  # progress rows without an enrolment are not shown
        for step in steps.values():
            step.completed, step.last_viewed_at, step.answers = False, None, {}
    return outline


def build_outline(page, request, answers_for=None, with_details=False):
    """The outline of the course that `page` (a course, module or step) belongs to."""
    course_path = course_path_of(page)
    rows = tree_rows([Page(path=course_path, depth=len(course_path) // page.steplen)])
    course = rows[0] if rows and rows[0].path == course_path else page
    if course is page or page.path == course_path:
        url = page.get_url(request)
    else:  # no query: Wagtail builds it from the url_path and the site's cached root paths
        url = Page(url_path=course.url_path).get_url(request)
    outline = assemble(course, rows, url or "")
    if page.path != course_path and page.depth == len(course_path) // page.steplen + 2:
        outline.current_key = page.translation_key
    if request.user.is_authenticated:
        read_standing(outline, request.user, answers_for)
        if with_details and outline.enrolment is not None and outline.open_module:
            apply_details(outline.open_module.steps, request.user)
    return outline


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
