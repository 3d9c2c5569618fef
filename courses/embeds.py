"""The embed of a video address, or None when no provider answers (e.g. a server
without outside access). A failure is remembered for a while, so a lesson page does
not wait on an unreachable provider at every view."""

from django.core.cache import cache
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException

FAILURE_TTL = 60 * 60


def embed_html(url):
    key = f"sse_courses:no-embed:{embeds.get_embed_hash(url)}"
    if cache.get(key):
        return None
    try:
        return embeds.get_embed(url).html or None
    except EmbedException:
        cache.set(key, True, FAILURE_TTL)
        return None
