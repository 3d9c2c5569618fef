"""Recount learners' progress when a trainer changes a course's structure.

Publishing, unpublishing, moving or deleting a module or step changes how many
steps a course has; the recount runs in a Celery task, queued through the outbox
with the change.
"""

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import CoursePage, ModulePage, StepPage


def course_key_of(page):
    from .outline import course_path_of

    if not isinstance(page, CoursePage | ModulePage | StepPage):
        return None
    return Page.objects.filter(path=course_path_of(page)).values_list(
        "translation_key", flat=True).first()


def schedule_recount(page):
    from .outbox import enqueue_after_commit
    from .tasks import recompute_course_progress

    key = course_key_of(page)
    if key is not None:
        enqueue_after_commit(recompute_course_progress, str(key))


@receiver(page_published)
@receiver(page_unpublished)
def recount_after_publication(sender, instance, **kwargs):
    schedule_recount(instance.specific_deferred)


@receiver(post_page_move)
def recount_after_move(sender, instance, parent_page_before, parent_page_after, **kwargs):
    # Both courses change when a module or step moves from one to another.
    schedule_recount(instance.specific_deferred)
    if parent_page_before.id != parent_page_after.id:
        schedule_recount(parent_page_before.specific_deferred)


@receiver(pre_delete)
def recount_after_delete(sender, instance, **kwargs):
    if isinstance(instance, ModulePage | StepPage):
        schedule_recount(instance)
