from .cohorts import Cohort, CohortMembership
from .learning import Enrolment, StepProgress
from .pages import CourseIndexPage, CoursePage, LessonPage, ModulePage, StepPage, step_page_models

__all__ = [
    "Cohort",
    "CohortMembership",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LessonPage",
    "ModulePage",
    "StepPage",
    "StepProgress",
    "step_page_models",
]
