"""A course's structure for trainers: its modules and steps in order, each with its
state in every language, and moving a module or step among its siblings.

Order is the page tree's. A move is applied to the same parent in every language,
so the translations follow the order of the language the trainer works in; progress,
answers and attempts are keyed by translation_key and do not change."""

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Locale, Page

from .models import CoursePage, ModulePage, StepPage

LIVE, CHANGED, DRAFT, MISSING = "live", "changed", "draft", "missing"


class MoveRefused(Exception):
    pass


@dataclass
class Translation:
    locale: Locale
    state: str
    page_id: int | None = None


@dataclass
class Item:
    page: Page
    translations: list
    steps: list = field(default_factory=list)


def languages():
    return list(Locale.objects.order_by("language_code"))


def state_of(row):
    if row is None:
        return MISSING
    if not row["live"]:
        return DRAFT
    return CHANGED if row["has_unpublished_changes"] else LIVE


def course_structure(course):
    """(course item, module items with their step items): three queries."""
    below = list(Page.objects.filter(path__startswith=course.path,
                                     depth__in=[course.depth + 1, course.depth + 2])
                 .order_by("path").select_related("content_type"))
    keys = [course.translation_key] + [page.translation_key for page in below]
    rows = {(row["translation_key"], row["locale_id"]): row for row in Page.objects.filter(
        translation_key__in=keys).values("id", "translation_key", "locale_id", "live",
                                         "has_unpublished_changes")}
    locales = languages()

    def item(page):
        translations = []
        for locale in locales:
            row = rows.get((page.translation_key, locale.id))
            translations.append(Translation(locale, state_of(row), row["id"] if row else None))
        return Item(page, translations)

    modules = []
    for page in below:
        if page.depth == course.depth + 1:
            modules.append(item(page))
        elif modules and page.path.startswith(modules[-1].page.path):
            modules[-1].steps.append(item(page))
    return item(course), modules


def movable(page):
    """A module (under a course) or a step (under a module): what this view orders."""
    specific_class = page.specific_class
    if specific_class is None:
        return False
    if issubclass(specific_class, ModulePage):
        return True
    return issubclass(specific_class, StepPage)


def parents_in_every_language(parent):
    return [parent] + list(Page.objects.filter(translation_key=parent.translation_key)
                           .exclude(pk=parent.pk).order_by("pk"))


def check_can_reorder(parents, user):
    for parent in parents:
        if not parent.permissions_for_user(user).can_reorder_children():
            raise MoveRefused(parent)


@transaction.atomic
def move(page, position, user):
    """Put `page` at `position` (0-based, clamped) among its siblings, then give the
    translations of its parent the same order. Nothing moves unless the user may
    reorder under every one of those parents."""
    parent = page.get_parent()
    parents = parents_in_every_language(parent)
    check_can_reorder(parents, user)
    Page.objects.select_for_update().filter(pk__in=[p.pk for p in parents]).exists()
    siblings = list(parent.get_children().values_list("id", flat=True))
    position = max(0, min(position, len(siblings) - 1))
    order = [pk for pk in siblings if pk != page.pk]
    order.insert(position, page.pk)
    keys = dict(Page.objects.filter(pk__in=order).values_list("pk", "translation_key"))
    key_order = [keys[pk] for pk in order]
    for each in parents:
        reorder_children(each, key_order, user)


def reorder_children(parent, key_order, user):
    """Moves children so those with a key in `key_order` follow it; others keep their
    relative place after them. Each move is one treebeard move (paths reread each time)."""
    rank = {key: index for index, key in enumerate(key_order)}
    children = list(parent.get_children().values_list("id", "translation_key"))
    wanted = [pk for _index, pk in sorted(
        (rank.get(key, len(rank) + index), pk) for index, (pk, key) in enumerate(children))]
    for index, pk in enumerate(wanted):
        current = list(parent.get_children().values_list("id", flat=True))
        if current[index] != pk:
            Page.objects.get(pk=pk).move(Page.objects.get(pk=current[index]), pos="left",
                                         user=user)


def course_of(page):
    """The course page a course, module or step page belongs to, or None."""
    if isinstance(page.specific_deferred, CoursePage):
        return page
    return CoursePage.objects.filter(
        path__in=[page.path[:index] for index in range(page.steplen, len(page.path), page.steplen)]
    ).first()
