"""The cohort dashboard's data: learners × modules progress and quiz grades, last
activity, who needs help, and the cohort charts.

Read with a fixed number of queries whatever the cohort size: the course tree,
the members, one aggregate of progress per learner and module, the submitted
quiz attempts and the quizzes' rules. The grid is assembled in Python.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Case, Count, IntegerField, Max, Value, When
from django.utils import timezone
from wagtail.models import Locale

from courses.models import CohortMembership, StepProgress
from courses.outline import assemble, tree_rows
from quizzes.models import Attempt, QuizPage
from quizzes.services import final_grade

from .. import conf

QUIZ_KIND = QuizPage._meta.model_name
NO_MODULE = -1


@dataclass
class QuizColumn:
    key: object
    title: str
    page_id: int | None = None
    pass_mark: int = 60
    grading_method: str = "highest"


@dataclass
class ModuleColumn:
    key: object
    title: str
    step_keys: list
    quizzes: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.step_keys)


@dataclass
class QuizResult:
    quiz: QuizColumn
    grade: float | None
    attempts: int
    failures: int

    @property
    def passed(self):
        return self.grade is None or self.grade >= self.quiz.pass_mark


@dataclass
class Cell:
    done: int
    total: int
    quizzes: list  # QuizResult for the module's quizzes the learner attempted

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def heat(self):
        """A colour band 0–4 (the cell also shows its figures, for who cannot see colours)."""
        if self.percent == 0:
            return 0
        return 4 if self.percent == 100 else 1 + min(self.percent * 3 // 100, 2)


@dataclass
class LearnerRow:
    user: object
    joined_at: object
    cells: list
    last_activity: object = None
    reasons: list = field(default_factory=list)  # (code, detail) of why they need help

    @property
    def done(self):
        return sum(cell.done for cell in self.cells)

    @property
    def total(self):
        return sum(cell.total for cell in self.cells)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def name(self):
        return self.user.get_full_name() or self.user.email or self.user.get_username()

    @property
    def needs_help(self):
        return bool(self.reasons)


@dataclass
class CohortDashboard:
    cohort: object
    modules: list
    rows: list
    funnel: list = field(default_factory=list)  # (module, learners who completed it, percent)
    distribution: list = field(default_factory=list)  # (band label, count, percent of max)

    @property
    def needs_help(self):
        return [row for row in self.rows if row.needs_help]

    @property
    def quizzes(self):
        return [quiz for module in self.modules for quiz in module.quizzes]


def course_columns(course):
    """The course's modules with their step keys and quizzes (one query for the tree)."""
    outline = assemble(course, tree_rows([course]), "")
    modules = []
    for module in outline.modules:
        column = ModuleColumn(module.key, module.title, [step.key for step in module.steps])
        column.quizzes = [QuizColumn(step.key, step.title, step.page_id)
                          for step in module.steps if step.kind == QUIZ_KIND]
        modules.append(column)
    return modules


def apply_quiz_rules(quizzes):
    """Pass mark and grading method from the default-language quiz (as quizzes does)."""
    if not quizzes:
        return
    default_locale = Locale.get_default().pk
    by_key = {quiz.key: quiz for quiz in quizzes}
    rows = QuizPage.objects.filter(translation_key__in=list(by_key)).values_list(
        "translation_key", "locale_id", "pass_mark", "grading_method")
    for key, _locale, pass_mark, method in sorted(rows, key=lambda r: r[1] == default_locale):
        by_key[key].pass_mark, by_key[key].grading_method = pass_mark, method


def module_of_step(modules):
    """A SQL expression: the index of the module a StepProgress row's step is in."""
    whens = [When(step_key__in=module.step_keys, then=Value(index))
             for index, module in enumerate(modules) if module.step_keys]
    if not whens:
        return None
    return Case(*whens, default=Value(NO_MODULE), output_field=IntegerField())


def members_progress(cohort):
    return StepProgress.objects.filter(
        course_key=cohort.course.translation_key,
        user_id__in=CohortMembership.objects.filter(cohort=cohort).values("user_id"))


def module_progress(cohort, modules):
    """{(user id, module index): completed steps} in one query (integers only: cheap
    to read for learners × modules rows)."""
    module = module_of_step(modules)
    if module is None:
        return {}
    rows = (members_progress(cohort).filter(completed_at__isnull=False).annotate(module=module)
            .values("user_id", "module").annotate(done=Count("id"))
            .values_list("user_id", "module", "done"))
    return {(user_id, index): done for user_id, index, done in rows}


def latest_progress(cohort):
    """{user id: latest view or completion of a step of the course}, in one query."""
    rows = members_progress(cohort).values("user_id").annotate(
        viewed=Max("last_viewed_at"), completed=Max("completed_at"))
    return {row["user_id"]: max((t for t in (row["viewed"], row["completed"]) if t), default=None)
            for row in rows}


def quiz_results(cohort, quizzes):
    """{(user id, quiz key): QuizResult} and {user id: last submission}, in one query."""
    by_key = {quiz.key: quiz for quiz in quizzes}
    if not by_key:
        return {}, {}
    members = CohortMembership.objects.filter(cohort=cohort).values("user_id")
    attempts = {}
    for attempt in (Attempt.objects
                    .filter(quiz_key__in=list(by_key), state=Attempt.SUBMITTED, user_id__in=members)
                    .order_by("number")
                    .values_list("user_id", "quiz_key", "grade", "passed", "submitted_at",
                                 named=True)):
        attempts.setdefault((attempt.user_id, attempt.quiz_key), []).append(attempt)
    results, last_submitted = {}, {}
    for (user_id, key), rows in attempts.items():
        quiz = by_key[key]
        results[user_id, key] = QuizResult(
            quiz, final_grade(rows, quiz.grading_method), attempts=len(rows),
            failures=sum(1 for row in rows if row.passed is False))
        latest = max(row.submitted_at for row in rows)
        last_submitted[user_id] = max(latest, last_submitted.get(user_id, latest))
    return results, last_submitted


def help_reasons(row, results, now, starts_on):
    """Why a learner needs help: long inactivity (once the cohort has started and
    while the course is unfinished), or a quiz failed repeatedly and not passed since."""
    reasons = []
    days = conf.inactive_days()
    started = starts_on is None or starts_on <= now.date()
    since = row.last_activity or row.joined_at
    if started and row.percent < 100 and since and now - since >= timedelta(days=days):
        reasons.append(("inactive", (now - since).days))
    for result in results:
        if result.failures >= conf.failed_attempts() and not result.passed:
            reasons.append(("failed", result))
    return reasons


GRADE_BANDS = [(low, low + 9 if low < 90 else 100) for low in range(0, 100, 10)]


def grade_distribution(results):
    counts = [0] * len(GRADE_BANDS)
    for result in results:
        if result.grade is not None:
            counts[min(int(result.grade // 10), 9)] += 1
    top = max(counts) or 1
    return [(f"{low}–{high}%", count, round(100 * count / top))
            for (low, high), count in zip(GRADE_BANDS, counts, strict=True)]


def completion_funnel(modules, rows):
    members = len(rows) or 1
    funnel = []
    for index, module in enumerate(modules):
        if not module.total:
            continue
        finished = sum(1 for row in rows if row.cells[index].done >= module.total)
        funnel.append((module, finished, round(100 * finished / members)))
    return funnel


def cohort_dashboard(cohort, now=None):
    """Everything the dashboard, its charts and its exports show, for the whole cohort."""
    now = now or timezone.now()
    modules = course_columns(cohort.course)
    quizzes = [quiz for module in modules for quiz in module.quizzes]
    apply_quiz_rules(quizzes)
    progress = module_progress(cohort, modules)
    latest = latest_progress(cohort)
    results, last_submitted = quiz_results(cohort, quizzes)
    memberships = (CohortMembership.objects.filter(cohort=cohort).select_related("user")
                   .only("joined_at", "user__first_name", "user__last_name", "user__email",
                         "user__username")
                   .order_by("user__first_name", "user__last_name", "user__email", "user_id"))
    rows = []
    for membership in memberships:
        user_id = membership.user_id
        cells = [Cell(min(progress.get((user_id, index), 0), module.total), module.total,
                      [results[user_id, q.key] for q in module.quizzes
                       if (user_id, q.key) in results])
                 for index, module in enumerate(modules)]
        activity = (latest.get(user_id), last_submitted.get(user_id))
        row = LearnerRow(membership.user, membership.joined_at, cells,
                         last_activity=max((t for t in activity if t), default=None))
        row.reasons = help_reasons(row, [r for c in cells for r in c.quizzes], now,
                                   cohort.starts_on)
        rows.append(row)
    return CohortDashboard(
        cohort, modules, rows, funnel=completion_funnel(modules, rows),
        distribution=grade_distribution(results.values()))
