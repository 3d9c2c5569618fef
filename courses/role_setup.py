"""Keep the pack's groups and their rights in step with the code, after every `migrate`.

Trainers may enter the Wagtail admin and work on the academy's own things only:
the pages under each course catalogue (CourseIndexPage), the "SSE Academy"
collection of images and documents, and the models that each app lists through the
``sse_trainer_permissions`` hook (``fn() -> ["app_label.codename", …]``). Nothing of
the host's is granted, renamed or deleted; Facilitators and Learners get no admin rights.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail import hooks
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from .roles import ROLES, TRAINERS

TRAINER_PERMISSIONS_HOOK = "sse_trainer_permissions"
ACADEMY_COLLECTION = "SSE Academy"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
    "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
]
ADMIN_PERMISSIONS = ["wagtailadmin.access_admin", "wagtail_localize.submit_translation"]


def submit_translation_permission():
    """wagtail-localize makes this one in a data migration, so a flushed database (tests)
    lacks it until it is made again here; trainers need it to press "Translate"."""
    content_type = ContentType.objects.get_or_create(app_label="wagtail_localize",
                                                     model="translation")[0]
    Permission.objects.get_or_create(content_type=content_type, codename="submit_translation",
                                     defaults={"name": "Can submit translations"})


def permissions(names):
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        found += Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return found


def academy_collection():
    existing = Collection.objects.filter(name=ACADEMY_COLLECTION, depth=2).first()
    # The root collection is missing only in a database just flushed (tests).
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    return existing or root.add_child(name=ACADEMY_COLLECTION)


def grant_catalogue(trainers, index_page):
    """Trainers author everything under this course catalogue page."""
    for permission in permissions(f"wagtailcore.{name}" for name in PAGE_PERMISSIONS):
        GroupPagePermission.objects.get_or_create(group=trainers, page=index_page,
                                                  permission=permission)


@transaction.atomic
def sync_roles():
    from .models import CourseIndexPage

    submit_translation_permission()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    trainers = groups[TRAINERS]
    model_permissions = [name for fn in hooks.get_hooks(TRAINER_PERMISSIONS_HOOK) for name in fn()]
    trainers.permissions.add(*permissions(ADMIN_PERMISSIONS + model_permissions))
    collection = academy_collection()
    for permission in permissions(COLLECTION_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(group=trainers, collection=collection,
                                                        permission=permission)
    for index_page in CourseIndexPage.objects.all():
        grant_catalogue(trainers, index_page)


def sync_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    """post_migrate receiver (for courses only): every app's permissions exist first."""
    from django.apps import apps

    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    sync_roles()


def grant_new_catalogue(sender, instance, created, raw=False, **kwargs):
    """post_save receiver: a course catalogue placed anywhere in the tree is the trainers'."""
    if created and not raw:
        grant_catalogue(Group.objects.get_or_create(name=TRAINERS)[0], instance)
