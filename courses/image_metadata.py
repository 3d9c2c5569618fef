"""Images lose their metadata when uploaded: a phone photo carries the place it was
taken (EXIF GPS), the camera, the date, comments. Community attachments call
`without_metadata`; images that trainers upload to the SSE Academy collection in the
Wagtail admin are re-encoded before they are saved (Wagtail keeps EXIF in the original
and in every rendition), so pages never publish them.
"""

import io
import os

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

from .role_setup import ACADEMY_COLLECTION

# What an image's info may keep when re-encoded: how it is drawn, nothing about it.
DRAWING_INFO = {"transparency", "background", "duration", "loop", "icc_profile"}


def without_metadata(data, kind):
    """The image re-encoded from its pixels alone: no EXIF (GPS position, camera, date),
    XMP, comments or text chunks. The EXIF orientation is applied first, so the photo
    still stands the right way up; the colour profile is kept. Returns (bytes, width,
    height)."""
    with Image.open(io.BytesIO(data)) as image:
        options = {}
        if getattr(image, "n_frames", 1) > 1:  # animated GIF or WebP: every frame, timed
            upright = image
            options.update(save_all=True, duration=image.info.get("duration", 100),
                           loop=image.info.get("loop", 0), comment=b"")
        else:
            upright = ImageOps.exif_transpose(image)
            upright.info = {k: v for k, v in upright.info.items() if k in DRAWING_INFO}
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        if kind == "JPEG":
            if upright.mode not in ("RGB", "L", "CMYK"):
                upright = upright.convert("RGB")
            options.update(quality=90, optimize=True)
        elif kind == "WEBP":
            options.update(quality=90)
        output = io.BytesIO()
        upright.save(output, format=kind, **options)
        return output.getvalue(), upright.width, upright.height


def strip_on_upload(sender, instance, **kwargs):
    """pre_save of Wagtail's image model: a file being uploaded to the academy's
    collection (a new image, or a replaced file) is saved without its metadata."""
    upload = instance.file
    if not upload or getattr(upload, "_committed", True) or not in_academy_collection(instance):
        return
    upload.seek(0)
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
    except (UnidentifiedImageError, OSError):
        return  # Wagtail's own validation decides about files that are not images
    if kind not in ("JPEG", "PNG", "WEBP", "GIF"):
        return
    clean, _width, _height = without_metadata(data, kind)
    instance.file = ContentFile(clean, name=os.path.basename(upload.name))
    instance._set_image_file_metadata()  # size and hash of what is stored


def in_academy_collection(image):
    collection = getattr(image, "collection", None)
    return collection is not None and collection.get_ancestors(inclusive=True).filter(
        name=ACADEMY_COLLECTION, depth=2).exists()
