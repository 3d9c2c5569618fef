"""What the lesson page gives the H5P player: paths, URLs, saved state.

Two modes (README, "H5P and security"): by default h5p-standalone runs in the
lesson page's own origin; with ACADEMY_H5P_PLAYER_ORIGIN set, the lesson shows a
sandboxed iframe on that other origin, which reports to the page by postMessage.
"""

from django.templatetags.static import static
from django.urls import reverse

from ..models import H5PResult
from . import conf


def player_files(package):
    """The h5p-standalone options that locate a package and the player's own files."""
    base = conf.public_url()
    return {
        "h5p_json_path": f"{base}/content/{package.id}",
        "libraries_path": f"{base}/libraries",
        "frame_js": static("h5p-standalone/frame.bundle.js"),
        "frame_css": static("h5p-standalone/styles/h5p.css"),
        "main_js": static("h5p-standalone/main.bundle.js"),
    }


def saved_state(user, page, block_id):
    if user is None or not user.is_authenticated:
        return ""
    return H5PResult.objects.filter(user=user, step_key=page.translation_key, block_id=block_id) \
        .values_list("state", flat=True).first() or ""


def player_settings(request, page, block_id, package):
    if package is None or page is None:
        return None
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    lesson = {
        "id": block_id,
        "xapi_url": reverse("sse_courses:h5p_xapi", args=[page.id, block_id]),
        "state_url": reverse("sse_courses:h5p_state", args=[page.id, block_id]),
        "state": saved_state(user, page, block_id),
        "object_iri": (request.build_absolute_uri(page.url) if request else page.url)
        + f"#h5p-{block_id}",
        "signed_in": signed_in,
    }
    if conf.player_origin():
        # The frame gets no learner data but the saved state: the page relays the rest.
        return {**lesson, "title": package.title, "player_origin": conf.player_origin(),
                "embed_url": conf.player_origin() + reverse("sse_courses:h5p_embed", args=[package.id])}
    return {
        **lesson, **player_files(package),
        "custom_js": static("sse_courses/h5p-frame.js"),
        "user_name": (user.get_full_name() or user.get_username()) if signed_in else "",
        "user_mail": (user.email or user.get_username()) if signed_in else "",
    }


def preview_settings(request, package):
    """Settings for a trainer's preview: the same player, with no learner, no saved state
    and nowhere to send statements (the scripts post only for a signed-in learner)."""
    preview = {"id": "preview", "state": "", "signed_in": False, "user_mail": "",
               "object_iri": request.build_absolute_uri(request.path)}
    if conf.player_origin():
        return {**preview, "title": package.title, "player_origin": conf.player_origin(),
                "embed_url": conf.player_origin() + reverse("sse_courses:h5p_embed", args=[package.id])}
    return {**preview, **player_files(package), "custom_js": static("sse_courses/h5p-frame.js")}
