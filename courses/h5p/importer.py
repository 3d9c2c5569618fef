"""Install a validated .h5p package: stream its files into a local staging folder, then
copy libraries (stored once, replaced only by a higher patch) and content into the H5P
storage (files.py: the local disk or a bucket) and write the database rows, in one
transaction. Any failure leaves nothing behind."""

import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from django.core.files import File
from django.db import transaction

from ..models import H5PLibrary, H5PPackage
from . import conf, files
from .validation import PackageRejected, inspect

CHUNK = 64 * 1024


def extract_one(archive, info, folder):
    """Copy one entry in chunks; refuse it if it grows past what it declared."""
    target = folder / info.filename
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with archive.open(info) as source, open(target, "wb") as out:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > info.file_size or written > conf.MAX_FILE_BYTES():
                raise PackageRejected([f"{info.filename}: larger than it declares"])
            out.write(chunk)


def upload_folder(store, folder, prefix):
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = f"{prefix}/{path.relative_to(folder).as_posix()}"
        with path.open("rb") as content:
            saved = store.save(name, File(content, name=path.name))
        if saved != name:  # the storage renamed it: the player would not find it
            store.delete(saved)
            raise OSError(f"the H5P storage kept {name} as {saved}")


def download_folder(store, prefix, folder):
    for name in files.walk(store, prefix):
        target = folder / name[len(prefix) + 1:]
        target.parent.mkdir(parents=True, exist_ok=True)
        with store.open(name, "rb") as source, target.open("wb") as out:
            shutil.copyfileobj(source, out, CHUNK)


def delete_folder(store, prefix):
    for name in list(files.walk(store, prefix)):
        store.delete(name)


class Placement:
    """Folders copied into the storage, to undo if the import fails before it commits.
    A folder being replaced is first copied to a local backup."""

    def __init__(self, store):
        self.store = store
        self.created, self.replaced = [], []  # prefixes; (prefix, local backup)

    def move(self, source, prefix):
        if next(files.walk(self.store, prefix), None) is not None:
            backup = Path(tempfile.mkdtemp(prefix="h5p-previous-"))
            self.replaced.append((prefix, backup))
            download_folder(self.store, prefix, backup)
            delete_folder(self.store, prefix)
        else:
            self.created.append(prefix)
        upload_folder(self.store, source, prefix)

    def undo(self):
        for prefix in self.created:
            delete_folder(self.store, prefix)
        for prefix, backup in self.replaced:
            delete_folder(self.store, prefix)
            upload_folder(self.store, backup, prefix)
            shutil.rmtree(backup, ignore_errors=True)

    def done(self):
        for _prefix, backup in self.replaced:
            shutil.rmtree(backup, ignore_errors=True)


def installed_libraries():
    return {(m, a, b): p for m, a, b, p in
            H5PLibrary.objects.values_list("machine_name", "major", "minor", "patch")}


def import_package(path, user=None):
    """The new H5PPackage, or PackageRejected with every problem found."""
    installed = installed_libraries()
    manifest = inspect(path, installed)
    store = files.storage()
    staging = Path(tempfile.mkdtemp(prefix="h5p-import-"))
    placement = Placement(store)
    try:
        with zipfile.ZipFile(path) as archive:
            for info in manifest.entries:
                extract_one(archive, info, staging)
        package_folder = staging / ".package"
        package_folder.mkdir()
        (staging / "content").rename(package_folder / "content")
        (package_folder / "h5p.json").write_text(json.dumps(manifest.h5p), encoding="utf-8")
        with transaction.atomic():
            package = H5PPackage.objects.create(title=manifest.title or manifest.main_library,
                                                main_library=manifest.main_library,
                                                h5p_json=manifest.h5p, uploaded_by=user)
            for key, library in manifest.libraries.items():
                if key in installed and library.patch <= installed[key]:
                    continue  # same or newer already installed: keep it
                placement.move(staging / library.source, f"libraries/{library.folder}")
                H5PLibrary.objects.update_or_create(
                    machine_name=library.machine_name, major=library.major, minor=library.minor,
                    defaults={"patch": library.patch, "title": library.title,
                              "definition": library.definition})
            placement.move(package_folder, f"content/{package.id}")
            keys = set(manifest.libraries) | {
                key for library in manifest.libraries.values() for key in library.dependencies}
            package.libraries.set([
                library for library in H5PLibrary.objects.all()
                if (library.machine_name, library.major, library.minor) in keys])
            transaction.on_commit(placement.done)
    except BaseException:
        placement.undo()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return package
