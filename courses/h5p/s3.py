"""The S3 backend for H5P files: each object keeps the headers it must be served with
(file_headers.py: its type, download-only for documents), so the bucket serves them
without the app."""

from storages.backends.s3 import S3Storage

from .file_headers import storage_object_parameters


class H5PS3Storage(S3Storage):
    def get_object_parameters(self, name):
        return {**super().get_object_parameters(name), **storage_object_parameters(name)}
