"""Thin views: the list, marking read, preferences and the unsubscribe link."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from courses.http import post_only, refusal

from . import conf, services
from .forms import PreferenceForm
from .tokens import user_id_from


def _back(request, fallback="sse_notifications:list"):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
def notification_list(request):
    notifications = services.visible_notifications(request.user).select_related("actor")
    page = Paginator(notifications, conf.per_page()).get_page(request.GET.get("page"))
    return render(request, "sse_notifications/list.html", {"page": page})


@login_required
@post_only
def mark_read(request, notification_id):
    if services.mark_read(request.user, notification_id) is None:
        raise Http404(_("There is no such notification."))
    return _back(request)


@login_required
@post_only
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return _back(request)


@login_required
def preferences(request):
    preference = services.preference_for(request.user)
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your notification preferences are saved."))
            return redirect("sse_notifications:preferences")
        return render(request, "sse_notifications/preferences.html", {"form": form}, status=400)
    return render(request, "sse_notifications/preferences.html", {"form": form})


# Mail clients send the one-click unsubscribe (RFC 8058) as a POST without cookies or
# a CSRF token; the signed token in the address is what proves the request.
@csrf_exempt
def unsubscribe(request, token):
    user_id = user_id_from(token)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return refusal(request, 400, _(
            "This unsubscribe link is not valid: it may have been altered or cut. "
            "Open the link from the email again, or change your preferences after logging in."))
    if request.method == "POST":
        services.stop_emails(user.pk)
        return render(request, "sse_notifications/unsubscribed.html", {"email": user.email})
    if request.method != "GET":
        response = refusal(request, 405, _("This address only accepts form submissions."))
        response["Allow"] = "GET, POST"
        return response
    return render(request, "sse_notifications/unsubscribe_confirm.html", {"email": user.email})
