"""The language switcher: the same page in another language, or the nearest one."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from courses.links import home_url
from courses.permissions import is_open_to
from sse_notifications.services import set_language as set_email_language

from .accounts import safe_next


def nearest_translation(page, locale, request):
    """The page's translation in `locale`, else its nearest ancestor's, among
    pages this request may see. Returns (page, exact)."""
    candidates = [page] + list(page.get_ancestors(inclusive=False).filter(depth__gt=1).reverse())
    for index, candidate in enumerate(candidates):
        translated = candidate.get_translation_or_none(locale)
        if translated is not None and is_open_to(translated, request):
            return translated, index == 0
    return None, False


def visible_page(request, page_id):
    """The page with this id, if it belongs to this site and the visitor may see it;
    otherwise None, so that nothing (not even a title) leaks."""
    if not (page_id.isascii() and page_id.isdigit()):
        return None
    page = Page.objects.filter(id=int(page_id)).first()
    site = Site.find_for_request(request)
    if page is None or site is None or not is_open_to(page, request):
        return None
    url_parts = page.get_url_parts(request)
    return page if url_parts and url_parts[0] == site.pk else None


def switch_language(request, language):
    """The switcher's forms POST here: the page in that language, and the choice is
    kept (the language cookie, the language of emails). A GET (an old link, or an
    image tag on another site) only redirects: it changes nothing stored."""
    languages = dict(settings.LANGUAGES)
    if language not in languages:
        raise Http404(_("Unknown language."))
    locale = Locale.objects.filter(language_code=language).first()
    page_id = request.POST.get("page") or request.GET.get("page", "")
    target = None
    page = visible_page(request, page_id)
    if page is not None and locale is not None:
        translated, exact = nearest_translation(page, locale, request)
        if translated is not None:
            with translation.override(language):
                target = translated.get_url(request)
                if not exact:
                    messages.info(request, _(
                        "“%(title)s” is not yet available in %(language)s. "
                        "Here is the nearest page that is."
                    ) % {"title": page.title, "language": languages[language]})
    if target is None:
        target = translate_url(safe_next(request, home_url()), language)
    response = redirect(target)
    if request.method == "POST":  # CSRF-checked: only the visitor's own choice is kept
        # Notification emails follow the language the user last chose.
        set_email_language(request.user, language)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax",
                            secure=request.is_secure())
    return response
