"""Full-text search over the posts a person may see.

PostgreSQL: SearchVector/SearchQuery with the text-search configuration of the
language searched ("english", "french", "spanish"), or "simple" across all languages.
Other databases (SQLite in development): every word must appear (icontains).
Either way the results come from visibility.visible_posts.
"""

from django.db import connection
from django.db.models import Q

from .models import Post
from .visibility import visible_posts

CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
MAX_WORDS = 8


def search_posts(user, query, language=None):
    query = (query or "").strip()[:200]
    if not query:
        return Post.objects.none()
    posts = visible_posts(user).filter(status=Post.PUBLISHED)
    if language:
        posts = posts.filter(language=language)
    if connection.vendor == "postgresql":
        posts = _postgres(posts, query, language)
    else:
        posts = _fallback(posts, query)
    return posts.select_related("thread", "author", "thread__topic__space")


def _postgres(posts, query, language):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    config = CONFIGS.get(language, "simple")
    vector = (SearchVector("thread__title", weight="A", config=config)
              + SearchVector("body_markdown", weight="B", config=config))
    search = SearchQuery(query, config=config, search_type="websearch")
    return (posts.annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search).order_by("-rank", "-created_at"))


def _fallback(posts, query):
    for word in query.split()[:MAX_WORDS]:
        posts = posts.filter(Q(body_markdown__icontains=word) | Q(thread__title__icontains=word))
    return posts.order_by("-created_at")
