"""Pages that read: the space index, a space, a thread, What we learned, search, attachments."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses.http import refusing
from courses.storage import read_bytes

from .. import notify, reading, search, translation
from ..forms import IdeaForm, ReplyForm, ThreadForm
from ..models import Attachment, Space, Synthesis, Thread
from ..permissions import Refused, can_moderate, can_participate, cohort_choices
from ..services.ideas import supports_left
from ..titles import label_spaces, label_topics
from ..visibility import can_see_space, visible_posts, visible_threads
from .lookup import space_or_404, thread_or_404, topic_of


def _language_filter(request):
    """"mine" → the interface language; anything else → all languages."""
    return get_language() if request.GET.get("lang") == "mine" else None


@refusing
def index(request):
    return render(request, "sse_community/index.html", {"spaces": reading.space_index(request.user)})


@refusing
def space(request, space_id):
    space = space_or_404(request.user, space_id)
    label_spaces([space])
    topics = reading.topics_of(space)
    topic = topic_of(space, request.GET.get("topic", "").isdigit() and int(request.GET["topic"]))
    tag = request.GET.get("tag", "").strip()[:40] or None
    threads = reading.thread_list(request.user, space, topic=topic, language=_language_filter(request),
                                  tag=tag, page=request.GET.get("page") or 1)
    topic_titles = {t.pk: t.title for t in topics}
    for thread in threads:
        thread.topic_title = topic_titles.get(thread.topic_id, "")
    return render(request, "sse_community/space.html", {
        "space": space, "topics": topics, "topic": topic, "threads": threads, "tag": tag,
        "lang_filter": request.GET.get("lang") == "mine",
        "can_post": can_participate(request.user, space),
        "can_moderate": can_moderate(request.user, space),
        "following": notify.is_following(request.user, notify.space_key(space)),
        "thread_form": ThreadForm(),
        "cohort_choices": cohort_choices(request.user, space) if any(
            t.mode == t.DIVIDED for t in topics) else [],
    })


@refusing
def thread(request, thread_id):
    thread = thread_or_404(request.user, thread_id)
    space = thread.topic.space
    label_spaces([space])
    label_topics([thread.topic])
    user = request.user
    mt_available = translation.available()
    page = reading.ThreadPage(user, thread, page=request.GET.get("page") or 1,
                              language=get_language() if mt_available else None)
    participant = can_participate(user, space)
    open_for_replies = participant and not thread.closed and (not thread.locked
                                                              or can_moderate(user, thread))
    context = {
        "thread": thread, "space": space, "page": page,
        "synthesis": getattr(thread, "synthesis", None),
        "can_moderate": can_moderate(user, thread),
        "can_accept": thread.kind == Thread.QUESTION and (user.pk == thread.author_id
                                                          or can_moderate(user, thread)),
        "open_for_replies": open_for_replies, "participant": participant,
        "following": notify.is_following(user, thread.target_key()),
        "reply_form": ReplyForm(), "idea_form": IdeaForm(),
        # one comment form, under the response being answered (?reply_to=), keeps pages light
        "reply_to": int(request.GET["reply_to"]) if request.GET.get("reply_to", "").isdigit() else None,
        "mt_available": mt_available, "current_language": get_language(),
        "tags": list(thread.tags.values_list("name", flat=True)),
    }
    if thread.kind == Thread.IDEAS and user.is_authenticated:
        context["supports_left"] = supports_left(user, space)
    return render(request, "sse_community/thread.html", context)


@refusing
def what_we_learned(request, course_key):
    user = request.user
    space = Space.objects.filter(kind=Space.COURSE, course_key=course_key).first()
    if space is None or not can_see_space(user, space):
        raise Refused(404, _("This course has no discussions open to you."))
    label_spaces([space])
    syntheses = list(
        Synthesis.objects.filter(thread__in=visible_threads(user))
        .filter(Q(thread__topic__space=space)
                | Q(thread__topic__space__cohort__course__translation_key=course_key))
        .select_related("thread__cohort", "thread__topic__space__cohort", "author")
        .order_by("thread__topic__position", "-created_at")
    )
    label_topics([s.thread.topic for s in syntheses])
    overall, by_cohort = [], {}
    for synthesis in syntheses:
        cohort = synthesis.thread.cohort or synthesis.thread.topic.space.cohort
        if cohort is None:
            overall.append(synthesis)
        else:
            by_cohort.setdefault(cohort, []).append(synthesis)
    return render(request, "sse_community/what_we_learned.html", {
        "space": space, "overall": overall,
        "cohorts": sorted(by_cohort.items(), key=lambda item: item[0].name),
    })


@refusing
def search_page(request):
    query = request.GET.get("q", "").strip()
    language = _language_filter(request)
    results = Paginator(search.search_posts(request.user, query, language), 20).get_page(
        request.GET.get("page") or 1) if query else None
    if results:
        spaces = [post.thread.topic.space for post in results]
        label_spaces(spaces)
    return render(request, "sse_community/search.html", {
        "query": query, "results": results, "lang_filter": language is not None,
    })


@refusing
def attachment(request, attachment_id):
    found = Attachment.objects.filter(pk=attachment_id).only("post_id").first()
    if found is None or not visible_posts(request.user).filter(pk=found.post_id).exists():
        raise Refused(404, _("This file does not exist or is not open to you."))
    found = Attachment.objects.get(pk=attachment_id)
    response = HttpResponse(read_bytes(found.file), content_type=found.content_type)
    disposition = "attachment" if found.kind == Attachment.PDF else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{found.pk}{_extension(found)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _extension(found):
    return "." + found.filename.rsplit(".", 1)[-1] if "." in found.filename else ""

