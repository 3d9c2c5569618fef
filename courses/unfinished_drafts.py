"""New pages started again after Wagtail's autosave.

Wagtail 8 autosaves the "add page" form: the first autosave creates the page as a
draft. A trainer who leaves and starts the page again types the same title, so the
same slug, and was refused ("slug already in use") by their own abandoned draft.
Here a slug taken only by the user's own never-published drafts is moved to the next
free one, the browser's form is told the new slug, and the trainer is pointed to the
earlier draft (also when opening "add page" where such drafts wait)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.coreutils import find_available_slug
from wagtail.models import Page


def unfinished_drafts(parent, user, slug=None):
    """The user's pages under `parent` that were never published."""
    if parent is None or not getattr(user, "pk", None):
        return Page.objects.none()
    drafts = parent.get_children().filter(live=False, first_published_at__isnull=True,
                                          owner=user)
    return drafts.filter(slug=slug) if slug else drafts


class CoursePageForm(WagtailAdminPageForm):
    moved_from_draft = None

    def clean(self):
        slug = self.cleaned_data.get("slug")
        if slug and self.instance.pk is None and self.parent_page is not None:
            siblings = self.parent_page.get_children().filter(slug=slug)
            mine = unfinished_drafts(self.parent_page, self.for_user, slug)
            earlier = mine.first()
            if earlier is not None and siblings.count() == mine.count():
                self.cleaned_data["slug"] = find_available_slug(self.parent_page, slug)
                self.moved_from_draft = earlier
                self.instance.sse_earlier_draft = earlier
        return super().clean()

    def get_field_updates_for_resave(self):
        updates = list(super().get_field_updates_for_resave())
        if self.moved_from_draft is not None:
            updates.append(("slug", self.instance.slug))
        return updates


@hooks.register("after_create_page")
def point_to_the_earlier_draft(request, page):
    earlier = getattr(page, "sse_earlier_draft", None)
    if earlier is not None:
        messages.info(
            request,
            _("You had already started “%(title)s” here: this page got the address "
              "“%(slug)s”. Delete the earlier draft if you do not need it.")
            % {"title": earlier.get_admin_display_title(), "slug": page.slug},
            buttons=[messages.button(reverse("wagtailadmin_pages:edit", args=[earlier.pk]),
                                     _("Open the earlier draft"))])


@hooks.register("before_create_page")
def list_unfinished_drafts(request, parent_page, page_class):
    if request.method != "GET":
        return None
    drafts = unfinished_drafts(parent_page, request.user).type(page_class)[:3]
    for draft in drafts:
        messages.info(
            request,
            _("Your draft “%(title)s” here was never published; you can go on with it.")
            % {"title": draft.get_admin_display_title()},
            buttons=[messages.button(reverse("wagtailadmin_pages:edit", args=[draft.pk]),
                                     _("Go on with it"))])
    return None
