"""The HTTP headers every file of an extracted H5P package is served with.

Package files come from trainers' uploads. The player only ever loads them as
sub-resources (<script>, <link>, <img>, <video>, fetch), where these headers change
nothing; opened as a page of their own (an SVG, an XML file), they must not run
script in the site's origin. So every file gets a sandboxing CSP and nosniff, and
types the player never opens as a page are downloads. Whoever serves the files uses
this one table: the middleware (runserver, WhiteNoise), and storage code for the
object metadata (S3 has no CSP header, hence Content-Disposition and a passive
Content-Type there).
"""

from pathlib import PurePosixPath

from django.utils.http import content_disposition_header

# A document opened from the H5P folder gets an opaque origin and no script; what it
# may still show: its own images, media and styles.
SANDBOX_POLICY = "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; " \
                 "style-src 'unsafe-inline'"

# What the player loads: shown inline when opened, none of them can run script there.
INLINE_TYPES = {
    "js": "text/javascript", "css": "text/css", "json": "application/json",
    "map": "application/json",
    "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
    "webp": "image/webp", "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
    "mp3": "audio/mpeg", "m4a": "audio/mp4", "wav": "audio/wav", "ogg": "audio/ogg",
    "oga": "audio/ogg", "mp4": "video/mp4", "m4v": "video/mp4", "webm": "video/webm",
    "ogv": "video/ogg", "vtt": "text/vtt", "webvtt": "text/vtt",
    "gltf": "model/gltf+json", "glb": "model/gltf-binary",
    "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
    "eot": "application/vnd.ms-fontobject",
}
# Always downloaded. SVG keeps its type (an <img> needs it); markup and text that a
# browser might render as a page are plain text.
DOWNLOAD_TYPES = {
    "svg": "image/svg+xml",
    "xml": "text/plain; charset=utf-8", "txt": "text/plain; charset=utf-8",
    "md": "text/plain; charset=utf-8", "textile": "text/plain; charset=utf-8",
    "diff": "text/plain; charset=utf-8", "patch": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf", "rtf": "application/rtf",
    "doc": "application/msword", "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
# Anything else (swf, or a type the validator may accept one day): an opaque download.
UNKNOWN_TYPE = "application/octet-stream"


def package_file_headers(name):
    """The response headers for the package file `name` (a path or a file name)."""
    path = PurePosixPath(str(name).replace("\\", "/"))
    extension = path.suffix.lower().lstrip(".")
    headers = {
        "Content-Type": INLINE_TYPES.get(extension) or DOWNLOAD_TYPES.get(extension, UNKNOWN_TYPE),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": SANDBOX_POLICY,
    }
    if extension not in INLINE_TYPES:
        headers["Content-Disposition"] = content_disposition_header(True, path.name)
    return headers


def storage_object_parameters(name):
    """The same as object metadata for S3-like storages (boto3's ExtraArgs names), which
    cannot store a CSP: e.g. from django-storages' S3Storage.get_object_parameters()."""
    headers = package_file_headers(name)
    parameters = {"ContentType": headers["Content-Type"]}
    if "Content-Disposition" in headers:
        parameters["ContentDisposition"] = headers["Content-Disposition"]
    return parameters
