"""The academy's private files, through Django's storage API: uploads awaiting import,
certificates, plan PDFs, dashboard exports, community attachments.

They live in `STORAGES["academy_private"]` (README, "Several nodes: storage"): an S3
bucket prefix without public access when several nodes share the work, else a folder
on the local disk (`ACADEMY_PRIVATE_ROOT`). They never get a URL: views send them
after their own permission checks, so the checks stay the only way in.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

ALIAS = "academy_private"


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder outside MEDIA_ROOT whose files have no URL."""

    def url(self, name):
        raise ValueError("Private files have no URL; a view sends them after its checks.")


def private_root():
    configured = getattr(settings, "ACADEMY_PRIVATE_ROOT", None)
    return Path(configured) if configured else Path(settings.MEDIA_ROOT).parent / "academy-private"


def resolve():
    if ALIAS in settings.STORAGES:
        return storages[ALIAS]
    return PrivateFileSystemStorage(location=private_root())


class LazyPrivateStorage(LazyObject):
    """Resolved on first use (not when models load), and again after a settings change."""

    def _setup(self):
        self._wrapped = resolve()


_private = LazyPrivateStorage()


def private_storage():
    """The `storage` of the academy's private FileFields (a callable, so migrations
    name this function rather than a backend)."""
    return _private


@receiver(setting_changed)
def _forget_backend(setting, **kwargs):
    if setting in {"STORAGES", "ACADEMY_PRIVATE_ROOT", "MEDIA_ROOT"}:
        _private._wrapped = empty


def store(field_file, name, content):
    """Write bytes under `name` and point the (unsaved) field at it. Returns the name
    the storage chose; the caller saves the row."""
    field_file.save(name, ContentFile(content), save=False)
    return field_file.name


def read_bytes(field_file):
    """The whole file (documents of a few MB at most), for a view that has checked who asks."""
    with field_file.open("rb") as opened:
        return opened.read()


def delete_files_with_rows(model, *field_names):
    """When a row goes (a deleted account cascades), its private files go too, once the
    deletion has committed."""

    def remove(sender, instance, **kwargs):
        for field_name in field_names:
            field_file = getattr(instance, field_name)
            if field_file:
                name, storage = field_file.name, field_file.storage
                transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))

    post_delete.connect(remove, sender=model, weak=False,
                        dispatch_uid=f"sse-delete-files-{model._meta.label}")
