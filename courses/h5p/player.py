"""What the lesson page gives the h5p-standalone player (paths, URLs, saved state)."""

from django.templatetags.static import static
from django.urls import reverse

from ..models import H5PResult
from . import conf


def player_settings(request, page, block_id, package):
    if package is None or page is None:
        return None
    user = getattr(request, "user", None)
    state = ""
    if user is not None and user.is_authenticated:
        state = H5PResult.objects.filter(user=user, step_key=page.translation_key,
                                         block_id=block_id).values_list("state", flat=True).first() or ""
    base = conf.public_url()
    return {
        "id": block_id,
        "h5p_json_path": f"{base}/content/{package.id}",
        "libraries_path": f"{base}/libraries",
        "frame_js": static("h5p-standalone/frame.bundle.js"),
        "frame_css": static("h5p-standalone/styles/h5p.css"),
        "main_js": static("h5p-standalone/main.bundle.js"),
        "custom_js": static("courses/h5p-frame.js"),
        "xapi_url": reverse("courses:h5p_xapi", args=[page.id, block_id]),
        "state_url": reverse("courses:h5p_state", args=[page.id, block_id]),
        "state": state,
        "object_iri": (request.build_absolute_uri(page.url) if request else page.url)
        + f"#h5p-{block_id}",
        "user_name": (user.get_full_name() or user.get_username()) if user and user.is_authenticated else "",
        "user_mail": (user.email or user.get_username()) if user and user.is_authenticated else "",
    }
