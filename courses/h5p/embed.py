"""The isolated player's page, served only on ACADEMY_H5P_PLAYER_ORIGIN.

It holds no learner data and posts nothing to the server: the lesson page that
frames it (and only that origin, by CSP frame-ancestors) hands it the saved state
and relays its xAPI statements and state with the learner's own session.
"""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from ..http import refusing
from ..models import H5PPackage
from ..permissions import Refused
from . import conf
from .player import player_files


@xframe_options_exempt  # framing is allowed to the site's origin alone, by CSP below
@refusing
def embed(request, package_id):
    player = conf.player_origin()
    if not player or f"{request.scheme}://{request.get_host()}" != player:
        # On the site's own origin this page would run third-party code unisolated.
        raise Refused(404, _("This activity is played inside its lesson."))
    package = get_object_or_404(H5PPackage, pk=package_id)
    settings = {**player_files(package), "site_origin": conf.site_origin()}
    response = render(request, "sse_courses/h5p_embed.html", {"package": package, "embed": settings})
    response["Content-Security-Policy"] = f"frame-ancestors {conf.site_origin()}"
    response["Referrer-Policy"] = "no-referrer"
    return response
