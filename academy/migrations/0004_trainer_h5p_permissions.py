"""Trainers upload and choose H5P packages and export statements."""

from django.db import migrations

PERMISSIONS = {"h5ppackage": ["view", "change"], "h5pupload": ["add", "view"],
               "xapistatement": ["view"]}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    trainers, _ = Group.objects.get_or_create(name="Trainers")
    for model, actions in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="courses", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"})
            trainers.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("academy", "0003_plan_exports"), ("courses", "0002_h5p")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
