"""Dashboard export files move from a database column to the academy's private storage
(courses.storage): the files of existing exports are copied there first."""

from django.core.files.base import ContentFile
from django.db import migrations, models

import courses.storage


def copy_to_storage(apps, schema_editor):
    DashboardExport = apps.get_model("sse_facilitation", "DashboardExport")
    for export in DashboardExport.objects.exclude(content__isnull=True).iterator():
        export.file.save(f"cohort-{export.cohort_id}-{export.pk}.{export.file_format}",
                         ContentFile(bytes(export.content)), save=False)
        DashboardExport.objects.filter(pk=export.pk).update(file=export.file.name)


def copy_to_database(apps, schema_editor):
    DashboardExport = apps.get_model("sse_facilitation", "DashboardExport")
    for export in DashboardExport.objects.exclude(file="").iterator():
        with export.file.open("rb") as stored:
            DashboardExport.objects.filter(pk=export.pk).update(content=stored.read())


class Migration(migrations.Migration):

    dependencies = [
        ("sse_facilitation", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="dashboardexport",
            name="file",
            field=models.FileField(blank=True, editable=False, storage=courses.storage.private_storage,
                                   upload_to="exports/"),
        ),
        migrations.RunPython(copy_to_storage, copy_to_database),
        migrations.RemoveConstraint(model_name="dashboardexport",
                                    name="ready_dashboard_exports_have_a_file"),
        migrations.RemoveConstraint(model_name="dashboardexport",
                                    name="only_ready_dashboard_exports_have_a_file"),
        migrations.RemoveField(model_name="dashboardexport", name="content"),
        migrations.AddConstraint(
            model_name="dashboardexport",
            constraint=models.CheckConstraint(
                condition=models.Q(("state", "ready"), _negated=True)
                | models.Q(("file", ""), _negated=True),
                name="ready_dashboard_exports_have_a_file"),
        ),
        migrations.AddConstraint(
            model_name="dashboardexport",
            constraint=models.CheckConstraint(
                condition=models.Q(("state", "ready"), ("file", ""), _connector="OR"),
                name="only_ready_dashboard_exports_have_a_file"),
        ),
    ]
