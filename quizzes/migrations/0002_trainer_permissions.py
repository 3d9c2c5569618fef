"""Trainers manage the question bank (groups are created here if the academy's
roles migration has not run, e.g. when quizzes is migrated first)."""

from django.db import migrations

MODELS = {"question": ["add", "change", "delete", "view"],
          "questioncategory": ["add", "change", "delete", "view"]}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    trainers, _ = Group.objects.get_or_create(name="Trainers")
    for model, actions in MODELS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="quizzes", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"})
            trainers.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0001_initial")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
