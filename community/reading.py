"""The read side: what each community page shows, in a fixed number of queries
whatever the number of spaces, threads or posts (bench/ measures it)."""

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When

from . import conf
from .models import Attachment, Post, PostLike, PostTranslation, Support, Tag, Thread
from .permissions import edit_window_open
from .titles import label_spaces, label_topics
from .viewers import viewer_for
from .visibility import post_shown_q, visible_posts, visible_spaces, visible_threads

ATTACHMENT_FIELDS = ("id", "post_id", "kind", "filename", "content_type", "size", "width", "height")


def space_index(user):
    spaces = list(visible_spaces(user).select_related("cohort"))
    counts = dict(visible_threads(user).order_by().values("topic__space")
                  .annotate(n=Count("id")).values_list("topic__space", "n"))
    for space in spaces:
        space.thread_count = counts.get(space.pk, 0)
    return label_spaces(spaces)


def _reply_count(viewer):
    return Count("posts", filter=Q(posts__depth__gt=Post.OPENING) & post_shown_q(viewer, "posts__"),
                 distinct=True)


def thread_list(user, space, *, topic=None, language=None, tag=None, page=1):
    viewer = viewer_for(user)
    threads = visible_threads(user).filter(topic__space=space)
    if topic is not None:
        threads = threads.filter(topic=topic)
    if language:
        threads = threads.filter(language=language)
    if tag:
        threads = threads.filter(tags__name=tag)
    threads = (threads.select_related("author", "topic", "synthesis")
               .prefetch_related(Prefetch("tags", queryset=Tag.objects.only("id", "name")))
               .annotate(reply_count=_reply_count(viewer))
               .order_by("-pinned", "-last_activity_at", "-id"))
    return Paginator(threads, conf.threads_per_page()).get_page(page)


def topics_of(space):
    return label_topics(list(space.topics.all()))


class ThreadPage:
    """Everything the thread page shows for one viewer and one page of responses."""

    def __init__(self, user, thread, page=1, language=None):
        self.thread = thread
        self.user = user
        posts = (visible_posts(user).filter(thread=thread)
                 .select_related("author", "idea"))
        self.opening = next(iter(posts.filter(depth=Post.OPENING)), None)
        responses = posts.filter(depth=Post.RESPONSE)
        if thread.kind == Thread.QUESTION and thread.accepted_post_id:
            responses = responses.annotate(first=Case(
                When(pk=thread.accepted_post_id, then=Value(0)), default=Value(1),
                output_field=IntegerField())).order_by("first", "created_at", "id")
        elif thread.kind == Thread.IDEAS:
            responses = responses.order_by("-idea__support_count", "created_at", "id")
        else:
            responses = responses.order_by("created_at", "id")
        self.page = Paginator(responses, conf.responses_per_page()).get_page(page)
        self.responses = list(self.page.object_list)
        response_ids = [post.pk for post in self.responses]
        comments = list(posts.filter(depth=Post.COMMENT, parent_id__in=response_ids)
                        .order_by("created_at", "id"))
        by_parent = {}
        for comment in comments:
            by_parent.setdefault(comment.parent_id, []).append(comment)
        for response in self.responses:
            response.comment_list = by_parent.get(response.pk, [])
        shown = ([self.opening] if self.opening else []) + self.responses + comments
        self._decorate(shown, language)

    def _decorate(self, shown, language):
        ids = [post.pk for post in shown]
        attachments = {}
        for attachment in Attachment.objects.filter(post_id__in=ids).only(*ATTACHMENT_FIELDS):
            attachments.setdefault(attachment.post_id, []).append(attachment)
        liked, supported, translations = set(), set(), {}
        if self.user.is_authenticated:
            liked = set(PostLike.objects.filter(user=self.user, post_id__in=ids)
                        .values_list("post_id", flat=True))
            if self.thread.kind == Thread.IDEAS:
                supported = set(Support.objects.filter(user=self.user, idea__post_id__in=ids)
                                .values_list("idea__post_id", flat=True))
        if language:
            for translation in PostTranslation.objects.filter(post_id__in=ids, language=language):
                translations[translation.post_id] = translation
        tags = {}
        if self.thread.kind == Thread.IDEAS:
            for post_id, name in Tag.objects.filter(ideas__post_id__in=ids).values_list(
                    "ideas__post_id", "name").order_by("name"):
                tags.setdefault(post_id, []).append(name)
        for post in shown:
            post.attachment_list = attachments.get(post.pk, [])
            post.liked = post.pk in liked
            post.supported = post.pk in supported
            translation = translations.get(post.pk)
            post.translation = (translation if translation
                                and translation.source_body == post.body_markdown else None)
            post.tag_list = tags.get(post.pk, [])
            post.card = getattr(post, "idea", None)  # read once: a missing idea raises each time
            post.editable = (post.author_id == self.user.pk and post.status != Post.HIDDEN
                             and not (self.thread.locked or self.thread.closed)
                             and edit_window_open(post))
