"""Trainers list certificates in the admin, and revoke or reinstate them.

The group is fetched or created by name (courses.roles.TRAINERS), so this does not
depend on the order in which academy's migration made the roles.
"""

from django.db import migrations

CODENAMES = {"view_certificate": "Can view certificate",
             "revoke_certificate": "Can revoke and reinstate certificates"}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    trainers, _ = Group.objects.get_or_create(name="Trainers")
    content_type, _ = ContentType.objects.get_or_create(app_label="credentials", model="certificate")
    for codename, name in CODENAMES.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name})
        trainers.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers = Group.objects.filter(name="Trainers").first()
    if trainers is not None:
        trainers.permissions.remove(*Permission.objects.filter(
            content_type__app_label="credentials", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("credentials", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length"),
                    ("contenttypes", "0002_remove_content_type_name")]
    operations = [migrations.RunPython(grant, revoke)]
