"""For an operator: the xAPI statements the external LRS refused (set aside with its
answer), and a button that sends them again once the cause is fixed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import XAPIStatement
from ..outbox import enqueue_after_commit
from .lrs import send_again

PERMISSION = "sse_courses.change_xapistatement"
SHOWN = 200


def may_see(user):
    return user.has_perm(PERMISSION)


def refused_statements(request):
    if not may_see(request.user):
        raise PermissionDenied
    refused = XAPIStatement.objects.filter(refused_at__isnull=False, forwarded_at__isnull=True)
    if request.method == "POST":
        from ..tasks import forward_xapi_statements

        count = send_again(request.POST.getlist("statement"))
        if count:
            enqueue_after_commit(forward_xapi_statements)
        messages.success(request, ngettext("%(count)d statement will be sent again.",
                                           "%(count)d statements will be sent again.",
                                           count) % {"count": count})
        return redirect("sse_lrs_refused")
    return render(request, "sse_courses/admin/lrs_refused.html", {
        "statements": refused.select_related("user").order_by("refused_at")[:SHOWN],
        "total": refused.count(),
        "title": _("Statements the LRS refused"),
    })
