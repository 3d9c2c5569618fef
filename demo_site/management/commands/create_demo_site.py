"""The demo site's home page in every language, made the default site's root (make run)."""

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from academy.catalog.identifiers import translation_key
from academy.catalog.loader import Loader
from academy.conf import catalog_languages

from ...models import HomePage

HOME_KEY = translation_key("site", "home")


class Command(BaseCommand):
    help = "Create or update the demo site's home pages (idempotent)."

    def handle(self, *args, **options):
        languages = catalog_languages()
        loader = Loader(languages, log=lambda message: None)
        for language in languages:
            loader.locale(language)  # the tree root needs the default locale
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=loader.locale(languages[0])))
        remove_welcome_page(root)
        homes = {}
        for language in languages:
            with translation.override(language):
                homes[language] = loader.upsert(HomePage, HOME_KEY, language, root, {
                    "title": _("SSE Academy"),
                    "slug": "home" if language == languages[0] else f"home-{language}",
                    "intro": "<p>{}</p>".format(_(
                        "Self-paced courses on the Social and Solidarity Economy: understand "
                        "it, generate a social business idea, plan it, and start a cooperative."
                    )),
                })
        point_site_home(homes[languages[0]])
        self.stdout.write("Demo site: home pages ready.")


def point_site_home(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home,
                            is_default_site=True, site_name="SSE Academy")
    elif site.root_page_id != home.id:
        site.root_page = home
        site.save()


def remove_welcome_page(root):
    """Wagtail's "Welcome" placeholder (a plain Page) has nothing worth keeping."""
    for page in root.get_children().filter(slug="home"):
        if type(page.specific) is Page and not page.get_children().exists():
            Site.objects.filter(root_page=page).delete()
            page.delete()
