from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...bank_io import import_gift


class Command(BaseCommand):
    help = "Import questions from a GIFT file into the question bank (nothing if any error)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--category", default="", help="for questions with no $CATEGORY")
        parser.add_argument("--language", default=None, help="en, fr or es (default: en)")
        parser.add_argument("--dry-run", action="store_true", help="check only, save nothing")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            source = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not a UTF-8 text file") from None
        questions, problems = import_gift(source, options["category"], options["language"],
                                          options["dry_run"])
        for line, message in problems:
            self.stderr.write(f"{path}:{line}: {message}")
        if problems:
            raise CommandError(f"{len(problems)} problem(s); nothing was imported.")
        verb = "would import" if options["dry_run"] else "imported"
        self.stdout.write(f"{path}: {verb} {len(questions)} question(s).")
