"""Create the three roles: Trainers, Facilitators, Learners.

Trainers may enter the Wagtail admin to author and translate pages, images and
documents; nothing else there (no users, sites, settings). Facilitators and
Learners have no admin access: they work on the site.
"""

from django.db import migrations

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    ("wagtailimages", "image"): ["add_image", "change_image", "choose_image"],
    ("wagtaildocs", "document"): ["add_document", "change_document", "choose_document"],
}


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return perm


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    trainers, _ = Group.objects.get_or_create(name="Trainers")
    Group.objects.get_or_create(name="Facilitators")
    Group.objects.get_or_create(name="Learners")

    trainers.permissions.add(
        permission(apps, "wagtailadmin", "admin", "access_admin"),
        permission(apps, "wagtail_localize", "translation", "submit_translation"),
    )
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=trainers, page=root,
                permission=permission(apps, "wagtailcore", "page", codename),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for (app_label, model), codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=trainers, collection=root_collection,
                    permission=permission(apps, app_label, model, codename),
                )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Trainers", "Facilitators", "Learners"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
