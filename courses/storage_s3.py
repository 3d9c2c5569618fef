"""The private storage on S3 (STORAGES["academy_private"]): objects without public
access, and no URL at all, not even a signed one: only the views hand them out."""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    default_acl = None  # the bucket's default: private

    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no URL; a view sends them after its checks.")
