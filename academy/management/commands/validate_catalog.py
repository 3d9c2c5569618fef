from django.core.management.base import BaseCommand, CommandError

from ...catalog.validation import validate_catalog
from ...conf import catalog_dir, catalog_languages


class Command(BaseCommand):
    help = "Check the course catalog; print each problem with its file and line."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="catalog folder (default: ACADEMY_CATALOG_DIR)")

    def handle(self, *args, **options):
        problems = validate_catalog(options["dir"] or catalog_dir(), catalog_languages())
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"{len(problems)} problem(s) found.")
        self.stdout.write("The catalog is valid.")
