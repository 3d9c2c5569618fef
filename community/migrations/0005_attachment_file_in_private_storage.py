"""Attachments move from a database column to the academy's private storage
(courses.storage): the bytes of existing attachments are copied there first."""

import posixpath

from django.core.files.base import ContentFile
from django.db import migrations, models

import courses.storage


def copy_to_storage(apps, schema_editor):
    Attachment = apps.get_model("sse_community", "Attachment")
    for attachment in Attachment.objects.iterator():
        extension = posixpath.splitext(attachment.filename)[1]
        attachment.file.save(f"{attachment.pk}{extension}", ContentFile(bytes(attachment.data)),
                             save=False)
        Attachment.objects.filter(pk=attachment.pk).update(file=attachment.file.name)


def copy_to_database(apps, schema_editor):
    Attachment = apps.get_model("sse_community", "Attachment")
    for attachment in Attachment.objects.iterator():
        with attachment.file.open("rb") as stored:
            Attachment.objects.filter(pk=attachment.pk).update(data=stored.read())


class Migration(migrations.Migration):

    dependencies = [
        ("sse_community", "0004_notified_once_and_submission_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="attachment",
            name="file",
            field=models.FileField(default="", editable=False, storage=courses.storage.private_storage,
                                   upload_to="community/"),
            preserve_default=False,
        ),
        migrations.RunPython(copy_to_storage, copy_to_database),
        migrations.RemoveField(model_name="attachment", name="data"),
    ]
