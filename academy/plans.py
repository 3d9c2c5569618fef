""""My plan": a learner's worksheet answers for a course, gathered in course order,
in one language, ready to print (see pdf.py)."""

from dataclasses import dataclass, field

from wagtail.models import Locale, Page

from courses.blocks import activity_form_fields
from courses.models import CoursePage, LessonPage, StepProgress


@dataclass
class Worksheet:
    lesson: str
    title: str
    fields: list  # activity_form_fields() dicts, filled with the learner's answers


@dataclass
class Plan:
    title: str
    course: str
    learner: str
    sections: list = field(default_factory=list)  # (module title, [Worksheet])

    @property
    def is_empty(self):
        return not any(sheets for _module, sheets in self.sections)


def course_in_language(course_key, language):
    locale = Locale.objects.filter(language_code=language).first()
    courses = CoursePage.objects.filter(translation_key=course_key)
    return courses.filter(locale=locale).first() or courses.first()


def build_plan(user, course_key, language, title):
    course = course_in_language(course_key, language)
    answers = dict(StepProgress.objects.filter(user=user, course_key=course_key)
                   .exclude(answers={}).values_list("step_key", "answers"))
    plan = Plan(title=title, course=course.title,
                learner=user.get_full_name() or user.get_username())
    modules = Page.objects.child_of(course).live().order_by("path")
    lessons = LessonPage.objects.descendant_of(course).live().order_by("path")
    for module in modules:
        sheets = []
        for lesson in (lesson for lesson in lessons if lesson.path.startswith(module.path)):
            saved = answers.get(lesson.translation_key, {})
            for block in lesson.body:
                if block.block_type == "activity":
                    sheets.append(Worksheet(lesson.title, block.value["title"],
                                            activity_form_fields(block.value,
                                                                 saved.get(block.id, {}))))
        if sheets:
            plan.sections.append((module.title, sheets))
    return plan
