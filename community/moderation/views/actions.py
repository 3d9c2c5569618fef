"""Moderation pages for one post or thread (GET) and the actions they post (POST only).
Views check the form and call one service; the service checks permission again."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.models import Topic
from community.titles import label_spaces, label_topics
from courses.http import post_only, refusing

from ..forms import EditForm, MoveForm, ReasonForm, SuspendForm, refusal_for
from ..models import ModerationAction, Report, Suspension
from ..permissions import Refused
from ..services import posts, suspensions, threads
from .lookup import moderated_post, moderated_suspension, moderated_thread

DONE = {
    ModerationAction.HIDE: gettext_lazy("The post is hidden."),
    ModerationAction.UNHIDE: gettext_lazy("The post is visible again."),
    ModerationAction.APPROVE: gettext_lazy("The post is approved and published."),
    ModerationAction.REJECT: gettext_lazy("The post is rejected; only moderators see it."),
    ModerationAction.DISMISS: gettext_lazy("The reports are dismissed."),
    ModerationAction.LOCK: gettext_lazy("The discussion is locked."),
    ModerationAction.UNLOCK: gettext_lazy("The discussion is open to replies again."),
    ModerationAction.PIN: gettext_lazy("The discussion is pinned."),
    ModerationAction.UNPIN: gettext_lazy("The discussion is no longer pinned."),
}


def _back(request, default):
    """Back to the page the form was on (the queue, the thread), or to `default`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                   require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


def _valid(form):
    if not form.is_valid():
        raise refusal_for(form)
    return form.cleaned_data


def _move_targets(user, thread):
    targets = threads.move_targets(user, thread)
    label_spaces([topic.space for topic in targets])
    label_topics(targets)
    for topic in targets:
        topic.label = f"{topic.space.title} › {topic.title}"
    return targets


@refusing
def post_page(request, post_id):
    post = moderated_post(request.user, post_id)
    label_spaces([post.thread.topic.space])
    return render(request, "sse_moderation/post.html", {
        "post": post, "thread": post.thread,
        "reports": Report.objects.filter(post=post).select_related("reporter", "resolved_by"),
        "revisions": post.revisions.select_related("editor"),
        "log": ModerationAction.objects.filter(post=post).select_related("actor"),
        "suspensions": Suspension.active().filter(user=post.author_id, space=post.thread.topic.space),
        "open_reports": Report.objects.filter(post=post, resolved_at__isnull=True).exists(),
        # distinct id prefixes: both forms have a "reason" field on one page
        "edit_form": EditForm(initial={"body": post.body_markdown}, auto_id="edit_%s"),
        "suspend_form": SuspendForm(auto_id="suspend_%s"),
    })


@post_only
def post_action(request, post_id, action):
    post = moderated_post(request.user, post_id)
    data = _valid(ReasonForm(request.POST))
    posts.change_status(request.user, post, action, data["reason"])
    messages.success(request, DONE[action])
    return _back(request, reverse("sse_moderation:post", args=[post.pk]))


@post_only
def edit(request, post_id):
    post = moderated_post(request.user, post_id)
    data = _valid(EditForm(request.POST))
    posts.edit(request.user, post, body=data["body"], reason=data["reason"])
    messages.success(request, _("The post is updated; the old text is kept in its history."))
    return redirect("sse_moderation:post", post.pk)


@post_only
def suspend(request, post_id):
    post = moderated_post(request.user, post_id)
    data = _valid(SuspendForm(request.POST))
    suspensions.suspend(request.user, post.author, post.thread.topic.space, until=data["until"],
                        reason=data["reason"])
    messages.success(request, _("The author may not post in this space until the chosen day."))
    return redirect("sse_moderation:post", post.pk)


@post_only
def lift(request, suspension_id):
    suspension = moderated_suspension(request.user, suspension_id)
    data = _valid(ReasonForm(request.POST))
    suspensions.lift(request.user, suspension, data["reason"])
    messages.success(request, _("The suspension is lifted."))
    return _back(request, reverse("sse_moderation:queue"))


@refusing
def thread_page(request, thread_id):
    thread = moderated_thread(request.user, thread_id)
    label_spaces([thread.topic.space])
    label_topics([thread.topic])
    return render(request, "sse_moderation/thread.html", {
        "thread": thread, "reason_form": ReasonForm(),
        "move_form": MoveForm(topics=_move_targets(request.user, thread), auto_id="move_%s"),
        "log": ModerationAction.objects.filter(thread=thread).select_related("actor", "post")[:50],
    })


@post_only
def thread_action(request, thread_id, action):
    thread = moderated_thread(request.user, thread_id)
    data = _valid(ReasonForm(request.POST))
    threads.set_flag(request.user, thread, action, data["reason"])
    messages.success(request, DONE[action])
    return _back(request, reverse("sse_moderation:thread", args=[thread.pk]))


@post_only
def move(request, thread_id):
    thread = moderated_thread(request.user, thread_id)
    data = _valid(MoveForm(request.POST))
    topic = Topic.objects.select_related("space").filter(pk=data["topic"]).first()
    if topic is None:
        raise Refused(404, _("This topic does not exist."))
    threads.move(request.user, thread, topic, data["reason"])
    messages.success(request, _("The discussion is moved."))
    return redirect("sse_community:thread", thread.pk)
