"""POST actions: each calls one service and redirects back with a message."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from courses.http import post_only, refusing

from .. import notify, translation
from ..forms import EditForm, IdeaForm, ReplyForm, SynthesisForm, ThreadForm
from ..models import Post
from ..permissions import Refused, check_can_edit, check_can_write_synthesis, check_signed_in
from ..services import closing, ideas, posting
from .lookup import idea_or_404, post_or_404, space_or_404, thread_or_404, topic_of


def _cleaned(form):
    """The form's data, or a 400 that lists what to correct."""
    if not form.is_valid():
        raise _invalid(form)
    return form.cleaned_data


def _invalid(form):
    errors = "; ".join(f"{form.fields[name].label if name in form.fields else ''}: {' '.join(e)}"
                       .lstrip(": ") for name, e in form.errors.items())
    return Refused(400, _("Please correct the form: %(errors)s") % {"errors": errors})


def _back_to(post, request=None):
    if request is not None and post.status == Post.PENDING:
        messages.info(request, _("Your post is waiting for a moderator's approval."))
    url = reverse("sse_community:thread", args=[post.thread_id])
    return redirect(f"{url}#post-{post.pk}")


def _files(request):
    return request.FILES.getlist("attachments")


@post_only
def new_thread(request, space_id, topic_id):
    check_signed_in(request.user)
    space = space_or_404(request.user, space_id)
    topic = topic_of(space, topic_id)
    data = _cleaned(ThreadForm(request.POST, request.FILES))
    thread = posting.create_thread(
        request.user, topic, kind=data["kind"], title=data["title"], body=data["body"],
        language=data["language"], tags=data["tags"], files=_files(request),
        cohort_id=data.get("cohort"), submission=data.get("submission"),
    )
    if thread.posts.filter(depth=Post.OPENING, status=Post.PENDING).exists():
        messages.info(request, _("Your post is waiting for a moderator's approval."))
    else:
        messages.success(request, _("Your discussion is posted."))
    return redirect("sse_community:thread", thread.pk)


@post_only
def reply(request, thread_id):
    check_signed_in(request.user)
    thread = thread_or_404(request.user, thread_id)
    data = _cleaned(ReplyForm(request.POST, request.FILES))
    parent = post_or_404(request.user, data["parent"]) if data.get("parent") else None
    post = posting.reply(request.user, thread, body=data["body"], language=data["language"],
                         parent=parent, files=_files(request), submission=data.get("submission"))
    return _back_to(post, request)


@post_only
def add_idea(request, thread_id):
    check_signed_in(request.user)
    thread = thread_or_404(request.user, thread_id)
    data = _cleaned(IdeaForm(request.POST, request.FILES))
    idea = ideas.add_idea(request.user, thread, title=data["title"], need=data["need"],
                          description=data["description"], country=data["country"],
                          language=data["language"], tags=data["tags"], files=_files(request))
    return _back_to(idea.post, request)


@post_only
def like(request, post_id):
    check_signed_in(request.user)
    post = post_or_404(request.user, post_id)
    posting.toggle_like(request.user, post)
    return _back_to(post)


@post_only
def accept(request, post_id):
    check_signed_in(request.user)
    post = post_or_404(request.user, post_id)
    closing.accept_answer(request.user, post.thread, post)
    return _back_to(post)


@post_only
def support(request, idea_id):
    check_signed_in(request.user)
    idea = idea_or_404(request.user, idea_id)
    if request.POST.get("withdraw"):
        ideas.withdraw_support(request.user, idea)
    else:
        idea = ideas.support(request.user, idea)
        if idea.endorsed:
            messages.success(request, _("This idea is endorsed by the community."))
    return _back_to(idea.post)


@post_only
def translate(request, post_id):
    check_signed_in(request.user)
    post = post_or_404(request.user, post_id)
    translation.translate_post(request.user, post, request.POST.get("language") or "")
    return _back_to(post)


@post_only
def follow(request, thread_id=None, space_id=None):
    check_signed_in(request.user)
    if thread_id is not None:
        target = thread_or_404(request.user, thread_id)
        key, url = target.target_key(), reverse("sse_community:thread", args=[target.pk])
    else:
        target = space_or_404(request.user, space_id)
        key, url = notify.space_key(target), reverse("sse_community:space", args=[target.pk])
    if request.POST.get("stop"):
        notify.unfollow(request.user, key)
        messages.info(request, _("You no longer follow this."))
    else:
        notify.follow(request.user, key)
        messages.success(request, _("You will be notified of new posts."))
    return redirect(url)


@refusing
def edit(request, post_id):
    check_signed_in(request.user)
    post = post_or_404(request.user, post_id)
    check_can_edit(request.user, post)
    form = EditForm(request.POST or None, initial={"body": post.body_markdown,
                                                   "title": post.thread.title})
    if request.method == "POST":
        data = _cleaned(form)
        posting.edit_post(request.user, post, body=data["body"], title=data.get("title"))
        messages.success(request, _("Your post is updated."))
        return _back_to(post)
    return render(request, "sse_community/edit.html", {"form": form, "post": post})


@refusing
def synthesis(request, thread_id):
    thread = thread_or_404(request.user, thread_id)
    check_can_write_synthesis(request.user, thread)
    existing = getattr(thread, "synthesis", None)
    form = SynthesisForm(request.POST or None,
                         initial={"body": existing.body_markdown if existing else ""})
    if request.method == "POST":
        if request.POST.get("reopen"):
            closing.reopen(request.user, thread)
            messages.info(request, _("The discussion is open again."))
            return redirect("sse_community:thread", thread.pk)
        closing.write_synthesis(request.user, thread, body=_cleaned(form)["body"])
        messages.success(request, _("The synthesis is published and the discussion is closed."))
        return redirect("sse_community:thread", thread.pk)
    return render(request, "sse_community/synthesis.html", {"form": form, "thread": thread})
