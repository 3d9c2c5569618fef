"""Reporting a post: a form (GET) and its submission (POST)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from community.permissions import check_signed_in
from community.views.lookup import post_or_404
from courses.http import refusing

from ..forms import ReportForm, refusal_for
from ..permissions import check_can_report
from ..services import reports


@refusing
def report(request, post_id):
    check_signed_in(request.user)
    post = post_or_404(request.user, post_id)
    check_can_report(request.user, post)
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            raise refusal_for(form)
        reports.report(request.user, post, reason=form.cleaned_data["reason"],
                       note=form.cleaned_data["note"])
        messages.success(request, _("Thank you. The moderators will look at this post."))
        return redirect(reverse("sse_community:thread", args=[post.thread_id]) + f"#post-{post.pk}")
    return render(request, "sse_moderation/report.html", {"form": form, "post": post})
