"""Spaces and topics follow the catalog and the cohorts: one space per course (a topic per
module), one per cohort, one for the whole academy. Idempotent; safe to call again."""

from courses.models import Cohort, CoursePage, ModulePage

from .db import get_or_create_safely as _get_or_create
from .models import Space, Topic


def ensure_general_topic(space):
    return _get_or_create(Topic, {"space": space, "module_key": None})


def academy_space():
    space = _get_or_create(Space, {"kind": Space.ACADEMY})
    ensure_general_topic(space)
    return space


def course_space(course_key):
    space = _get_or_create(Space, {"kind": Space.COURSE, "course_key": course_key})
    ensure_general_topic(space)
    return space


def module_topic(course_key, module_key, position=0):
    space = course_space(course_key)
    topic = _get_or_create(Topic, {"space": space, "module_key": module_key},
                           {"position": position + 1})
    if topic.position != position + 1:
        Topic.objects.filter(pk=topic.pk).update(position=position + 1)
    return topic


def cohort_space(cohort):
    space = _get_or_create(Space, {"kind": Space.COHORT, "cohort": cohort})
    ensure_general_topic(space)
    return space


def sync_course(course):
    """A course page (any language): its space, and a topic per live module in tree order."""
    course_space(course.translation_key)
    modules = ModulePage.objects.child_of(course).live().order_by("path")
    for position, module in enumerate(modules):
        module_topic(course.translation_key, module.translation_key, position)


def sync_all():
    academy_space()
    seen = set()
    for course in CoursePage.objects.live().order_by("path"):
        if course.translation_key not in seen:
            seen.add(course.translation_key)
            sync_course(course)
    for cohort in Cohort.objects.all():
        cohort_space(cohort)
