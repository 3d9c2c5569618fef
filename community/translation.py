"""Machine translation of posts, behind a pluggable provider.

ACADEMY_MACHINE_TRANSLATION_PROVIDER is the dotted path of a class with:

    name = "my-provider"
    def translate(self, text, source_language, target_language) -> str   # Markdown in, Markdown out

Empty (the default): no provider, no "Translate" button. Translations are cached per
post and target language, re-made when the post's text changes, rendered and
sanitised like any post, and always shown labelled, below the original.
"""

from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import conf, ratelimit
from .models import PostTranslation
from .permissions import Refused, check_signed_in
from .rendering import render_markdown
from .visibility import can_see_post


class MachineTranslationProvider:
    """The interface a provider implements (subclassing is optional)."""

    name = "provider"

    def translate(self, text, source_language, target_language):
        raise NotImplementedError


@lru_cache(maxsize=4)
def _load(path):
    return import_string(path)()


def provider():
    path = conf.machine_translation_provider()
    return _load(path) if path else None


def available():
    return provider() is not None


def cached_translation(post, language):
    return (PostTranslation.objects
            .filter(post=post, language=language, source_body=post.body_markdown).first())


def translate_post(user, post, language):
    check_signed_in(user)
    engine = provider()
    if engine is None:
        raise Refused(404, _("Machine translation is not available on this site."))
    if not can_see_post(user, post):
        raise Refused(404, _("This post does not exist or is not open to you."))
    if language not in dict(settings.LANGUAGES):
        raise Refused(400, _("Choose one of the site's languages."))
    if language == post.language:
        raise Refused(400, _("This post is already in that language."))
    found = cached_translation(post, language)
    if found:
        return found
    ratelimit.hit(user, "translate")
    try:
        text = engine.translate(post.body_markdown, post.language, language)
    except Exception:  # a provider is third-party code on the network: say so, don't crash
        raise Refused(502, _("The translation service did not answer. Try again later.")) from None
    translation, _created = PostTranslation.objects.update_or_create(
        post=post, language=language,
        defaults={"body_html": render_markdown(str(text)), "provider": engine.name,
                  "source_body": post.body_markdown},
    )
    return translation
