"""Headers for H5P package files whenever Django serves them (runserver's media
serving, WhiteNoise): put this middleware first, so that it sees every response."""

from urllib.parse import urlsplit

from . import conf
from .file_headers import package_file_headers


def files_prefix():
    """The URL path the package files are served under ("/media/h5p/"), or None when it
    cannot be told apart from the site's pages."""
    path = urlsplit(conf.public_url()).path.rstrip("/")
    return f"{path}/" if path else None


class H5PFileHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        prefix = files_prefix()
        if prefix and request.path.startswith(prefix):
            headers = package_file_headers(request.path)
            if not 200 <= response.status_code < 300:
                # An error page keeps its type; it still gets no script.
                headers = {k: v for k, v in headers.items()
                           if k not in {"Content-Type", "Content-Disposition"}}
            for name, value in headers.items():
                response[name] = value
        return response
