from .cohorts import Cohort, CohortMembership
from .learning import ActivityResponse, Enrolment, StepProgress
from .pages import CourseIndexPage, CoursePage, LessonPage, ModulePage, StepPage, step_page_models

__all__ = [
    "ActivityResponse",
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
