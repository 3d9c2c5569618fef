from .cohorts import Cohort, CohortMembership
from .h5p import H5PLibrary, H5PPackage, H5PResult, H5PUpload, XAPIStatement
from .learning import Enrolment, StepProgress
from .outbox import OutboxTask
from .pages import CourseIndexPage, CoursePage, LessonPage, ModulePage, StepPage, step_page_models

__all__ = [
    "Cohort",
    "CohortMembership",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "H5PLibrary",
    "H5PPackage",
    "H5PResult",
    "H5PUpload",
    "LessonPage",
    "ModulePage",
    "OutboxTask",
    "StepPage",
    "StepProgress",
    "step_page_models",
    "XAPIStatement",
]
