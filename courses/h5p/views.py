"""H5P endpoints: xAPI statements (POST JSON) and the player's saved state."""

import json

from django.http import JsonResponse
from django.utils.translation import gettext as _

from .. import ratelimit
from ..permissions import Refused, check_enrolled_in, check_signed_in
from ..views import get_step
from . import conf
from .xapi import record_many

MAX_BATCH = 100  # statements per request; the body's size is capped too


def json_refusals(view):
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Refused as refused:
            response = JsonResponse({"error": refused.message}, status=refused.status)
            if getattr(refused, "retry_after", None):
                response["Retry-After"] = str(refused.retry_after)
            return response
    return wrapper


def h5p_target(request, page_id, block_id):
    check_signed_in(request.user, _("Please log in to save your results."))
    step, course = get_step(request, page_id)
    check_enrolled_in(course)
    block = step.h5p_block(block_id) if hasattr(step, "h5p_block") else None
    if block is None or block.value["package"] is None:
        raise Refused(404, _("This activity does not exist."))
    return step, course, block


@json_refusals
def xapi(request, page_id, block_id):
    if request.method != "POST":
        raise Refused(405, _("Statements are sent with POST."))
    if int(request.META.get("CONTENT_LENGTH") or 0) > conf.MAX_STATEMENT_BYTES():
        raise Refused(413, _("The statement is too large."))
    check_signed_in(request.user, _("Please log in to save your results."))
    ratelimit.hit("xapi", f"user:{request.user.pk}")  # before any database work
    step, course, block = h5p_target(request, page_id, block_id)
    try:
        posted = json.loads(request.body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, _("The statement is not valid JSON.")) from None
    # One statement, or a batch of them as a list (xAPI's POST /statements): a player
    # that sends its statements in batches costs one request and one transaction each.
    batch = posted if isinstance(posted, list) else [posted]
    if not batch or len(batch) > MAX_BATCH:
        raise Refused(400, _("Send between 1 and %(n)s statements at a time.") % {"n": MAX_BATCH})
    stored = record_many(request.user, step, course.translation_key, block_id,
                         block.value["package"], batch)
    if isinstance(posted, list):
        return JsonResponse([str(s.id) for s in stored], status=201, safe=False)
    return JsonResponse({"id": str(stored[0].id)}, status=201)


@json_refusals
def state(request, page_id, block_id):
    """H5P's contentUserData: GET returns the saved state, POST saves (or clears) it."""
    from ..models import H5PResult

    step, _course, block = h5p_target(request, page_id, block_id)
    result, _ = H5PResult.objects.get_or_create(
        user=request.user, step_key=step.translation_key, block_id=block_id,
        defaults={"package": block.value["package"]})
    if request.method == "POST":
        data = request.POST.get("data", "")
        if len(data) > conf.MAX_STATEMENT_BYTES():
            raise Refused(413, _("The saved state is too large."))
        result.state = "" if request.POST.get("invalidate") == "1" and not data else data
        result.save(update_fields=["state", "updated_at"])
        return JsonResponse({"success": True})
    return JsonResponse({"success": True, "data": result.state or False})
