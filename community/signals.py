"""Keep spaces in step with the catalog (page publication) and with cohorts."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from courses.models import Cohort, CoursePage, ModulePage

from . import spaces


@receiver(page_published)
def course_or_module_published(sender, instance, **kwargs):
    page = instance.specific if type(instance).__name__ == "Page" else instance
    if isinstance(page, CoursePage):
        spaces.sync_course(page)
    elif isinstance(page, ModulePage):
        course = page.get_parent().specific
        if isinstance(course, CoursePage):
            spaces.sync_course(course)


@receiver(post_save, sender=Cohort)
def cohort_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        spaces.cohort_space(instance)
