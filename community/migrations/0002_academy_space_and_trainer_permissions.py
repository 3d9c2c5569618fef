"""The academy-wide space exists from the start; Trainers choose each topic's mode in the admin."""

from django.db import migrations

PERMISSIONS = {"space": ["view"], "topic": ["view", "change"]}


def create_academy_space(apps, schema_editor):
    Space = apps.get_model("community", "Space")
    Topic = apps.get_model("community", "Topic")
    space, _ = Space.objects.get_or_create(kind="academy")
    Topic.objects.get_or_create(space=space, module_key=None)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    trainers, _ = Group.objects.get_or_create(name="Trainers")
    for model, actions in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="community", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"})
            trainers.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial"), ("academy", "0002_roles")]
    operations = [
        migrations.RunPython(create_academy_space, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
