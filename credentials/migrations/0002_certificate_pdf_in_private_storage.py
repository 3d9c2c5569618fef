"""The certificate PDF moves from a database column to the academy's private storage
(courses.storage): the bytes of existing certificates are copied there first."""

from django.core.files.base import ContentFile
from django.db import migrations, models

import courses.storage


def copy_to_storage(apps, schema_editor):
    Certificate = apps.get_model("sse_credentials", "Certificate")
    for certificate in Certificate.objects.exclude(pdf__isnull=True).iterator():
        certificate.pdf_file.save(f"certificate-{certificate.code}.pdf",
                                  ContentFile(bytes(certificate.pdf)), save=False)
        Certificate.objects.filter(pk=certificate.pk).update(pdf_file=certificate.pdf_file.name)


def copy_to_database(apps, schema_editor):
    Certificate = apps.get_model("sse_credentials", "Certificate")
    for certificate in Certificate.objects.exclude(pdf_file="").iterator():
        with certificate.pdf_file.open("rb") as stored:
            Certificate.objects.filter(pk=certificate.pk).update(pdf=stored.read())


class Migration(migrations.Migration):

    dependencies = [
        ("sse_credentials", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="pdf_file",
            field=models.FileField(blank=True, editable=False, storage=courses.storage.private_storage,
                                   upload_to="certificates/"),
        ),
        migrations.RunPython(copy_to_storage, copy_to_database),
        migrations.RemoveField(model_name="certificate", name="pdf"),
        migrations.RenameField(model_name="certificate", old_name="pdf_file", new_name="pdf"),
    ]
