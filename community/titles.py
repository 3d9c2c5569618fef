"""Names of spaces and topics in the viewer's language, read from the course pages.

One query for any number of keys: the live pages with those translation keys, the
viewer's language preferred, any other language as a fallback.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import Space


def page_titles(keys, language=None):
    keys = {key for key in keys if key}
    if not keys:
        return {}
    language = (language or get_language() or "en").split("-")[0]
    rows = (Page.objects.filter(translation_key__in=keys, live=True)
            .values_list("translation_key", "title", "locale__language_code"))
    titles = {}
    for key, title, code in rows:
        if code == language or key not in titles:
            titles[key] = title
    return titles


def space_title(space, course_titles):
    if space.kind == Space.ACADEMY:
        return _("Academy-wide space")
    if space.kind == Space.COHORT:
        return _("Cohort: %(name)s") % {"name": space.cohort.name}
    return course_titles.get(space.course_key) or _("Course discussions")


def topic_title(topic, module_titles):
    if topic.module_key is None:
        return _("General discussion")
    return module_titles.get(topic.module_key) or _("Module discussions")


def label_spaces(spaces):
    """Set `.title` on each space (select_related("cohort") expected)."""
    titles = page_titles(space.course_key for space in spaces)
    for space in spaces:
        space.title = space_title(space, titles)
    return spaces


def label_topics(topics):
    titles = page_titles(topic.module_key for topic in topics)
    for topic in topics:
        topic.title = topic_title(topic, titles)
    return topics
