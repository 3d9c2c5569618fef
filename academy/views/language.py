"""The language switcher: the same page in another language, or the nearest one."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from .accounts import safe_next


def nearest_translation(page, locale):
    """The page's live translation in `locale`, else its nearest ancestor's.

    Returns (page, exact) where exact says whether it is the page itself."""
    candidates = [page] + list(page.get_ancestors(inclusive=False).filter(depth__gt=1).reverse())
    for index, candidate in enumerate(candidates):
        translated = candidate.get_translation_or_none(locale)
        if translated is not None and translated.live:
            return translated, index == 0
    return None, False


def switch_language(request, language):
    languages = dict(settings.LANGUAGES)
    if language not in languages:
        raise Http404(_("Unknown language."))
    locale = Locale.objects.filter(language_code=language).first()
    page_id = request.GET.get("page", "")
    target = None
    if page_id.isdigit() and locale is not None:
        page = Page.objects.filter(id=int(page_id), live=True).first()
        if page is not None:
            translated, exact = nearest_translation(page, locale)
            if translated is not None:
                with translation.override(language):
                    target = translated.get_url(request)
                    if not exact:
                        messages.info(request, _(
                            "“%(title)s” is not yet available in %(language)s. "
                            "Here is the nearest page that is."
                        ) % {"title": page.title, "language": languages[language]})
    if target is None:
        target = translate_url(safe_next(request, f"/{language}/"), language)
    response = redirect(target)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax",
                        secure=request.is_secure())
    return response
