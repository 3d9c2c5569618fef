"""Course reports for trainers, across all cohorts of a course.

- completion rate: enrolments with every step completed / enrolments;
- median time per module: for each learner who completed every step of the
  module, the time from their first view of any of its steps to their last
  completion in it; the median over those learners;
- quiz difficulty: mean grade and pass rate over submitted attempts, and how
  many learners attempted.
"""

import statistics
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, Max, Min, Q
from django.utils.translation import get_language
from wagtail.models import Page

from courses.models import Cohort, CoursePage, Enrolment, StepProgress
from quizzes.models import Attempt

from .dashboard import NO_MODULE, course_columns, module_of_step


@dataclass
class ModuleTime:
    module: object
    finished: int
    median_seconds: float | None


def courses_for_reports():
    """One course page per course (in the active language where translated), with
    its number of enrolments: two queries."""
    course_type = ContentType.objects.get_for_model(CoursePage)
    language = get_language()
    chosen = {}
    for page in (Page.objects.filter(content_type=course_type).select_related("locale")
                 .order_by("path")):
        if page.translation_key not in chosen or page.locale.language_code == language:
            chosen[page.translation_key] = page
    counts = dict(Enrolment.objects.filter(course_key__in=list(chosen)).values("course_key")
                  .annotate(n=Count("id")).values_list("course_key", "n"))
    return [(page, counts.get(key, 0)) for key, page in chosen.items()]


def course_for_report(course_key):
    language = get_language()
    pages = list(CoursePage.objects.filter(translation_key=course_key).select_related("locale"))
    return next((p for p in pages if p.locale.language_code == language), pages[0] if pages else None)


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def cohort_rows(course_key):
    completed = Q(memberships__user__enrolments__course_key=course_key,
                  memberships__user__enrolments__completed_at__isnull=False)
    cohorts = (Cohort.objects.filter(course__translation_key=course_key)
               .annotate(members_count=Count("memberships", distinct=True),
                         completed_count=Count("memberships", filter=completed, distinct=True))
               .order_by("-starts_on", "name"))
    return [(c, c.members_count, c.completed_count, percent(c.completed_count, c.members_count))
            for c in cohorts]


def module_times(course_key, modules):
    module = module_of_step(modules)
    if module is None:
        return []
    spans = {}
    rows = (StepProgress.objects.filter(course_key=course_key).annotate(module=module)
            .exclude(module=NO_MODULE).values("user_id", "module")
            .annotate(done=Count("id", filter=Q(completed_at__isnull=False)),
                      first=Min("first_viewed_at"), last=Max("completed_at")))
    for row in rows:
        if row["done"] >= modules[row["module"]].total and row["last"] and row["first"]:
            spans.setdefault(row["module"], []).append(
                max((row["last"] - row["first"]).total_seconds(), 0))
    return [ModuleTime(m, len(spans.get(i, [])),
                       statistics.median(spans[i]) if spans.get(i) else None)
            for i, m in enumerate(modules)]


def quiz_difficulty(quizzes):
    keys = [quiz.key for quiz in quizzes]
    stats = {row["quiz_key"]: row for row in (
        Attempt.objects.filter(quiz_key__in=keys, state=Attempt.SUBMITTED).values("quiz_key")
        .annotate(attempts=Count("id"), learners=Count("user", distinct=True),
                  mean=Avg("grade"), passed=Count("id", filter=Q(passed=True))))}
    result = []
    for quiz in quizzes:
        row = stats.get(quiz.key, {})
        attempts = row.get("attempts", 0)
        mean = row.get("mean")
        result.append({"quiz": quiz, "attempts": attempts, "learners": row.get("learners", 0),
                       "mean_grade": round(mean, 1) if mean is not None else None,
                       "pass_rate": percent(row.get("passed", 0), attempts)})
    return result


def course_report(course):
    key = course.translation_key
    modules = course_columns(course)
    enrolments = Enrolment.objects.filter(course_key=key).aggregate(
        total=Count("id"), completed=Count("id", filter=Q(completed_at__isnull=False)))
    return {
        "course": course,
        "enrolments": enrolments["total"],
        "completed": enrolments["completed"],
        "completion_rate": percent(enrolments["completed"], enrolments["total"]),
        "cohorts": cohort_rows(key),
        "modules": module_times(key, modules),
        "quizzes": quiz_difficulty([q for m in modules for q in m.quizzes]),
    }


def duration_text(seconds):
    """A short, language-neutral duration: 3 d 4 h, 2 h 05 min, 12 min."""
    if seconds is None:
        return "—"
    minutes = int(seconds // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"


def report_table(report):
    """The report as CSV rows (a section per kind of figure)."""
    from django.utils.translation import gettext as _

    rows = [[_("course"), report["course"].title],
            [_("enrolments"), report["enrolments"]], [_("completed"), report["completed"]],
            [_("completion rate %"), report["completion_rate"]], [],
            [_("cohort"), _("members"), _("completed"), _("completion rate %")]]
    rows += [[c.name, members, done, rate] for c, members, done, rate in report["cohorts"]]
    rows += [[], [_("module"), _("learners who finished it"), _("median time (minutes)")]]
    rows += [[t.module.title, t.finished,
              round(t.median_seconds / 60, 1) if t.median_seconds is not None else None]
             for t in report["modules"]]
    rows += [[], [_("quiz"), _("attempts"), _("learners"), _("mean grade %"), _("pass rate %")]]
    rows += [[q["quiz"].title, q["attempts"], q["learners"], q["mean_grade"], q["pass_rate"]]
             for q in report["quizzes"]]
    return rows
