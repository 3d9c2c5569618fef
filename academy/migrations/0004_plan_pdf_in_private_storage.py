"""The "My plan" PDF moves from a database column to the academy's private storage
(courses.storage): the PDFs of existing exports are copied there first."""

from django.core.files.base import ContentFile
from django.db import migrations, models

import courses.storage


def copy_to_storage(apps, schema_editor):
    PlanExport = apps.get_model("sse_academy", "PlanExport")
    for export in PlanExport.objects.exclude(pdf__isnull=True).iterator():
        export.pdf_file.save(f"my-plan-{export.pk}.pdf", ContentFile(bytes(export.pdf)), save=False)
        PlanExport.objects.filter(pk=export.pk).update(pdf_file=export.pdf_file.name)


def copy_to_database(apps, schema_editor):
    PlanExport = apps.get_model("sse_academy", "PlanExport")
    for export in PlanExport.objects.exclude(pdf_file="").iterator():
        with export.pdf_file.open("rb") as stored:
            PlanExport.objects.filter(pk=export.pk).update(pdf=stored.read())


class Migration(migrations.Migration):

    dependencies = [
        ("sse_academy", "0003_signup_confirmation"),
    ]

    operations = [
        migrations.AddField(
            model_name="planexport",
            name="pdf_file",
            field=models.FileField(blank=True, editable=False, storage=courses.storage.private_storage,
                                   upload_to="plans/"),
        ),
        migrations.RunPython(copy_to_storage, copy_to_database),
        migrations.RemoveConstraint(model_name="planexport", name="ready_exports_have_a_document"),
        migrations.RemoveField(model_name="planexport", name="pdf"),
        migrations.RenameField(model_name="planexport", old_name="pdf_file", new_name="pdf"),
        migrations.AddConstraint(
            model_name="planexport",
            constraint=models.CheckConstraint(
                condition=models.Q(("state", "ready"), _negated=True)
                | models.Q(("pdf", ""), _negated=True),
                name="ready_exports_have_a_document"),
        ),
    ]
