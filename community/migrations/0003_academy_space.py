"""The academy-wide space exists from the start (only the pack's own tables are touched)."""

from django.db import migrations


def create_academy_space(apps, schema_editor):
    Space = apps.get_model("sse_community", "Space")
    Topic = apps.get_model("sse_community", "Topic")
    space, _ = Space.objects.get_or_create(kind="academy")
    Topic.objects.get_or_create(space=space, module_key=None)


class Migration(migrations.Migration):
    dependencies = [("sse_community", "0002_initial")]
    operations = [migrations.RunPython(create_academy_space, migrations.RunPython.noop)]
