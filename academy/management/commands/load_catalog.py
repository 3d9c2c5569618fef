from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page, Site

from ...catalog.loader import Loader
from ...catalog.validation import validate_catalog
from ...conf import catalog_dir, catalog_languages


def find_parent(value):
    """A page id, or a path under the default site's home page ("/" is the home page)."""
    if value.isdigit():
        page = Page.objects.filter(id=int(value)).first()
    else:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("There is no default site; give the parent page by its id.")
        home = site.root_page
        path = "/".join(part for part in value.split("/") if part)
        page = home if not path else Page.objects.filter(
            url_path=f"{home.url_path}{path}/", locale_id=home.locale_id).first()
    if page is None:
        raise CommandError(f"No page {value!r}: give a page id or a path such as / or /learn/.")
    return page.specific


class Command(BaseCommand):
    help = ("Load the course catalog into Wagtail pages under a parent page of your site "
            "(idempotent: updates in place).")

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="catalog folder (default: ACADEMY_CATALOG_DIR, "
                                          "else the catalog shipped with the package)")
        parser.add_argument("--parent", default="/",
                            help="the page the course catalogue goes under: a page id or a path "
                                 "below the default site's home page (default: / , the home page)")

    def handle(self, *args, **options):
        root = options["dir"] or catalog_dir()
        parent = find_parent(options["parent"])
        languages = catalog_languages()
        problems = validate_catalog(root, languages)
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"The catalog has {len(problems)} problem(s); nothing was loaded.")
        log = self.stdout.write if options["verbosity"] > 1 else (lambda message: None)
        counts = Loader(languages, log=log).load(root, parent)
        self.stdout.write(
            "Catalog loaded under {parent}: {created} pages created, {updated} updated, "
            "{unchanged} unchanged.".format(parent=parent.title, **counts)
        )
