"""Install a validated .h5p package: stream its files into a staging folder, then move
libraries (stored once, replaced only by a higher patch) and content into place and
write the database rows, in one transaction. Any failure leaves nothing behind."""

import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from django.db import transaction

from ..models import H5PLibrary, H5PPackage
from . import conf
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


class Placement:
    """Folders moved into place, to undo if the import fails before it commits."""

    def __init__(self):
        self.created, self.replaced = [], []  # paths; (target, backup)

    def move(self, source, target):
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            backup = target.with_name(target.name + ".previous")
            shutil.rmtree(backup, ignore_errors=True)
            target.rename(backup)
            self.replaced.append((target, backup))
        else:
            self.created.append(target)
        shutil.move(str(source), str(target))

    def undo(self):
        for path in self.created:
            shutil.rmtree(path, ignore_errors=True)
        for target, backup in self.replaced:
            shutil.rmtree(target, ignore_errors=True)
            backup.rename(target)

    def done(self):
        for _target, backup in self.replaced:
            shutil.rmtree(backup, ignore_errors=True)


def installed_libraries():
    return {(m, a, b): p for m, a, b, p in
            H5PLibrary.objects.values_list("machine_name", "major", "minor", "patch")}


def import_package(path, user=None):
    """The new H5PPackage, or PackageRejected with every problem found."""
    installed = installed_libraries()
    manifest = inspect(path, installed)
    root = conf.storage_root()
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=root))
    placement = Placement()
    try:
        with zipfile.ZipFile(path) as archive:
            for info in manifest.entries:
                extract_one(archive, info, staging)
        with transaction.atomic():
            package = H5PPackage.objects.create(title=manifest.title or manifest.main_library,
                                                main_library=manifest.main_library,
                                                h5p_json=manifest.h5p, uploaded_by=user)
            for key, library in manifest.libraries.items():
                if key in installed and library.patch <= installed[key]:
                    continue  # same or newer already installed: keep it
                placement.move(staging / library.folder, root / "libraries" / library.folder)
                H5PLibrary.objects.update_or_create(
                    machine_name=library.machine_name, major=library.major, minor=library.minor,
                    defaults={"patch": library.patch, "title": library.title,
                              "definition": library.definition})
            package_folder = root / "content" / str(package.id)
            placement.move(staging / "content", package_folder / "content")
            (package_folder / "h5p.json").write_text(json.dumps(manifest.h5p), encoding="utf-8")
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
