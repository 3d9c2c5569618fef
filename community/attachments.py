"""Uploaded images and PDFs: checked by their bytes (not their name or declared type),
size-capped, and kept with a random id. Everything is checked before anything is written.
Images are re-encoded without their metadata (a phone photo carries its GPS position)."""

import io
import os
import unicodedata

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from courses.image_metadata import without_metadata
from courses.permissions import Refused

from . import conf
from .models import Attachment

IMAGE_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp",
              "application/pdf": ".pdf"}


def _magic_format(head):
    if head.startswith(b"%PDF-"):
        return "PDF"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def clean_filename(name, content_type):
    """A display name: no folders, no control characters, the right extension."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(ch for ch in unicodedata.normalize("NFC", name)
                   if unicodedata.category(ch)[0] not in {"C"} and ch not in '<>"\'`')
    stem = os.path.splitext(name)[0].strip(" .")[:100] or "attachment"
    return stem + EXTENSIONS[content_type]


def _too_big(limit):
    return Refused(400, _("This file is too large (at most %(megabytes).1f MB).")
                   % {"megabytes": limit / (1024 * 1024)})


def check_upload(upload):
    """An unsaved Attachment for a valid upload, or Refused(400) saying what is wrong."""
    largest = max(conf.max_image_bytes(), conf.max_pdf_bytes())
    if upload.size is not None and upload.size > largest:
        raise _too_big(largest)
    data = upload.read(largest + 1)
    if len(data) > largest:
        raise _too_big(largest)
    kind = _magic_format(data[:16])
    if kind is None:
        raise Refused(400, _("Only PNG, JPEG, GIF or WebP images and PDF files can be attached."))
    if kind == "PDF":
        if len(data) > conf.max_pdf_bytes():
            raise _too_big(conf.max_pdf_bytes())
        return with_content(Attachment(
            kind=Attachment.PDF, content_type="application/pdf", size=len(data),
            filename=clean_filename(upload.name, "application/pdf")), data)
    if len(data) > conf.max_image_bytes():
        raise _too_big(conf.max_image_bytes())
    _checked_image_size(data, kind)
    data, width, height = without_metadata(data, kind)
    content_type = IMAGE_FORMATS[kind]
    return with_content(Attachment(
        kind=Attachment.IMAGE, content_type=content_type, size=len(data), width=width,
        height=height, filename=clean_filename(upload.name, content_type)), data)


def with_content(attachment, data):
    """The checked bytes, stored under the attachment's random id when its row is saved."""
    attachment.file = ContentFile(data, name=f"{attachment.pk}{EXTENSIONS[attachment.content_type]}")
    return attachment


def _checked_image_size(data, kind):
    refused = Refused(400, _("This image is damaged or not what its name says."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != kind:
                raise refused
            width, height = image.size
            if width * height > conf.max_image_pixels():
                raise Refused(400, _("This image has too many pixels."))
            image.verify()
        # verify() leaves the image unusable: open again and decode, so a truncated file fails.
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            if image.size != (width, height):
                raise refused
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise refused from None
    return width, height


def check_uploads(uploads):
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > conf.max_attachments_per_post():
        raise Refused(400, _("At most %(count)d files can be attached to a post.")
                      % {"count": conf.max_attachments_per_post()})
    return [check_upload(upload) for upload in uploads]


def save_for(post, attachments):
    """Insert the rows, which stores their files; if the insert fails, the files go too."""
    for attachment in attachments:
        attachment.post = post
    try:
        Attachment.objects.bulk_create(attachments)
    except BaseException:
        for attachment in attachments:
            if attachment.file._committed:
                attachment.file.storage.delete(attachment.file.name)
        raise
