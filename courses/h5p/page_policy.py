"""What a lesson page with H5P adds to the site's Content-Security-Policy.

django-csp's `csp_update`: the site keeps its strict policy everywhere else, and a
host needs to list nothing for the player. Without django-csp's middleware this adds
nothing (and nothing is needed).
"""

import base64
import hashlib
from urllib.parse import urlsplit

from csp.decorators import csp_update

from . import conf

SELF = "'self'"
# H5P core (the player's frame.bundle.js) writes this one inline script into each
# content's iframe, which inherits the page's policy: it is allowed by its hash alone.
FRAME_INLINE_SCRIPT = ("H5PIntegration = window.parent.H5PIntegration; var H5P = H5P || {}; "
                       "H5P.externalEmbed = false;")


def script_hash(source):
    digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def files_origin():
    """The origin of the H5P files when they are served from elsewhere (storage, CDN)."""
    parts = urlsplit(conf.public_url())
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else None


def player_policy():
    if conf.player_origin():
        # Isolated: the page only frames the player's origin.
        return {"frame-src": [conf.player_origin()]}
    extra = [origin for origin in [files_origin()] if origin]
    return {
        "script-src": [SELF, script_hash(FRAME_INLINE_SCRIPT), *extra],
        "style-src": [SELF, *extra],
        "img-src": [SELF, "data:", *extra],
        "font-src": [SELF, *extra],
        "media-src": [SELF, *extra],
        "connect-src": [SELF, *extra],
    }


def with_player_policy(serve, request, *args, **kwargs):
    """The response of `serve`, allowed to run the H5P player."""
    return csp_update(player_policy())(serve)(request, *args, **kwargs)
