"""Translations made with wagtail-localize's "Translate" stay drafts until a trainer
publishes them, and take their slug from the translated title.

wagtail-localize creates a translated page as a copy of the source; by default it is
published at once when the source is live (English text under /fr/), unless the site
sets WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False: the check below says so.
The copy keeps the source's slug (or "<slug>-fr"); `set_translated_slug` replaces it
with the slug of the translated title when the page is saved with that title."""

import re

from django.conf import settings
from django.core import checks
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug


@checks.register()
def translations_start_as_drafts(app_configs, **kwargs):
    from django.apps import apps

    if not apps.is_installed("wagtail_localize"):
        return []
    if getattr(settings, "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE", True):
        return [checks.Warning(
            "New translations are published at once, with the source's text.",
            hint="Set WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False so they stay "
                 "drafts until a trainer publishes them.",
            id="sse_courses.W010")]
    return []


def source_of(page):
    """(slug, title) of the page this one was translated from with wagtail-localize."""
    from wagtail.models import Page
    from wagtail_localize.models import Translation

    translation = (Translation.objects.filter(source__object_id=page.translation_key,
                                              target_locale_id=page.locale_id)
                   .exclude(source__locale_id=page.locale_id)
                   .values("source__locale_id").first())
    if translation is None:
        return None
    return Page.objects.filter(translation_key=page.translation_key,
                               locale_id=translation["source__locale_id"]
                               ).values_list("slug", "title").first()


def set_translated_slug(page):
    """Give a translation still carrying its source's slug the slug of its own title
    (unique among its siblings). A slug the trainer chose is left alone."""
    from django.apps import apps

    if not page.pk or not page.title or not apps.is_installed("wagtail_localize"):
        return
    source = source_of(page)
    if source is None:
        return
    source_slug, source_title = source
    language = page.locale.language_code
    still_source = re.fullmatch(rf"{re.escape(source_slug)}(-{re.escape(language)})?(-\d+)?",
                                page.slug or "")
    if not still_source or page.title.strip() == source_title.strip():
        return
    wanted = slugify(page.title, allow_unicode=True)
    parent = page.get_parent()
    if wanted and parent is not None:
        page.slug = find_available_slug(parent, wanted, ignore_page_id=page.pk)
