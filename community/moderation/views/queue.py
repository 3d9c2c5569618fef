"""The moderation queue and the moderation log (moderators only)."""

from django.shortcuts import render

from courses.http import refusing

from .. import reading
from ..models import ModerationAction
from ..permissions import check_moderator


@refusing
def queue(request):
    check_moderator(request.user)
    page_obj, posts = reading.queue(request.user, request.GET.get("page") or 1)
    return render(request, "sse_moderation/queue.html", {
        "page_obj": page_obj, "posts": posts,
        "suspensions": reading.active_suspensions(request.user),
    })


@refusing
def log(request):
    check_moderator(request.user)
    action = request.GET.get("action")
    action = action if action in dict(ModerationAction.ACTIONS) else None
    page_obj, entries = reading.log(request.user, request.GET.get("page") or 1, action)
    return render(request, "sse_moderation/log.html", {
        "page_obj": page_obj, "entries": entries, "action": action,
        "actions": ModerationAction.ACTIONS,
    })
