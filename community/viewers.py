"""What `community` needs to know about a person, read once per request.

Courses and cohorts decide who sees what; this gathers the person's enrolments,
cohort memberships and facilitated cohorts in three queries and keeps them on the
user object, so that visibility and permissions never ask twice.
"""

from dataclasses import dataclass, field

from courses.models import Cohort, CohortMembership, Enrolment
from courses.roles import TRAINERS, has_role


@dataclass(frozen=True)
class Viewer:
    user_id: int | None = None
    is_trainer: bool = False
    enrolled_course_keys: frozenset = field(default_factory=frozenset)
    member_cohort_ids: frozenset = field(default_factory=frozenset)
    facilitated_cohort_ids: frozenset = field(default_factory=frozenset)
    facilitated_course_keys: frozenset = field(default_factory=frozenset)
    # course key of every cohort the person is in, to know their cohort in a divided topic
    member_cohorts_by_course: dict = field(default_factory=dict)

    @property
    def signed_in(self):
        return self.user_id is not None

    @property
    def cohort_ids(self):
        """Cohorts whose private discussions this person may read."""
        return self.member_cohort_ids | self.facilitated_cohort_ids

    @property
    def course_keys(self):
        """Courses whose space this person may read and post in."""
        return self.enrolled_course_keys | self.facilitated_course_keys


ANONYMOUS = Viewer()


def viewer_for(user):
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_community_viewer", None)
    if cached is not None:
        return cached
    is_trainer = user.is_superuser or has_role(user, TRAINERS)
    memberships = list(
        CohortMembership.objects.filter(user=user).values_list("cohort_id", "cohort__course__translation_key")
    )
    facilitated = list(
        Cohort.objects.filter(facilitators=user).values_list("id", "course__translation_key")
    )
    by_course = {}
    for cohort_id, course_key in memberships:
        by_course.setdefault(course_key, cohort_id)
    viewer = Viewer(
        user_id=user.pk,
        is_trainer=is_trainer,
        enrolled_course_keys=frozenset(
            Enrolment.objects.filter(user=user).values_list("course_key", flat=True)
        ),
        member_cohort_ids=frozenset(cohort_id for cohort_id, _ in memberships),
        facilitated_cohort_ids=frozenset(cohort_id for cohort_id, _ in facilitated),
        facilitated_course_keys=frozenset(course_key for _, course_key in facilitated),
        member_cohorts_by_course=by_course,
    )
    user._community_viewer = viewer
    return viewer


def forget(user):
    """After a change to the person's enrolments or cohorts within one request (tests)."""
    if hasattr(user, "_community_viewer"):
        del user._community_viewer
