"""Where H5P libraries and contents are kept, through Django's storage API.

`STORAGES["academy_h5p"]` when an operator sets it (S3: public-read objects under a
prefix, README "Several nodes: storage"), else a folder on the local disk
(ACADEMY_H5P_ROOT, served under ACADEMY_H5P_URL). The player reads a package from two
stable base URLs (its folder and the libraries folder), so the files are public
objects with their headers stored on them (file_headers.py), not signed per-file URLs.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

from . import conf

ALIAS = "academy_h5p"


def has_own_storage():
    return ALIAS in settings.STORAGES


def storage():
    if has_own_storage():
        return storages[ALIAS]
    return FileSystemStorage(location=conf.storage_root(), base_url=conf.public_url() + "/")


def walk(store, prefix):
    """Every file name under `prefix` (a folder), recursively."""
    try:
        folders, files = store.listdir(prefix)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{prefix}/{name}"
    for folder in folders:
        yield from walk(store, f"{prefix}/{folder}")
