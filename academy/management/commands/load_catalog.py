from django.core.management.base import BaseCommand, CommandError

from ...catalog.loader import Loader
from ...catalog.validation import validate_catalog
from ...conf import catalog_dir, catalog_languages


class Command(BaseCommand):
    help = "Load the course catalog into Wagtail pages (idempotent: updates in place)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="catalog folder (default: ACADEMY_CATALOG_DIR)")

    def handle(self, *args, **options):
        root = options["dir"] or catalog_dir()
        languages = catalog_languages()
        problems = validate_catalog(root, languages)
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"The catalog has {len(problems)} problem(s); nothing was loaded.")
        log = self.stdout.write if options["verbosity"] > 1 else (lambda message: None)
        counts = Loader(languages, log=log).load(root)
        self.stdout.write(
            "Catalog loaded: {created} pages created, {updated} updated, "
            "{unchanged} unchanged.".format(**counts)
        )
