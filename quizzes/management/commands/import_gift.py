from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...bank_io import import_gift


class Command(BaseCommand):
    help = ("Import questions from a GIFT file into the question bank (nothing if any error; "
            "descriptions only with --skip-unsupported, which leaves them out).")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--category", default="", help="for questions with no $CATEGORY")
        parser.add_argument("--language", default=None, help="en, fr or es (default: en)")
        parser.add_argument("--dry-run", action="store_true", help="check only, save nothing")
        parser.add_argument("--skip-unsupported", action="store_true",
                            help="import the file without the questions of types the bank "
                                 "lacks (descriptions), and list them")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            source = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError(f"{path}: not a UTF-8 text file") from None
        check = import_gift(source, options["category"], options["language"],
                            options["dry_run"], options["skip_unsupported"])
        for line, message in check.problems:
            self.stderr.write(f"{path}:{line}: {message}")
        if check.problems:
            raise CommandError(f"{len(check.problems)} problem(s); nothing was imported.")
        for line, message in check.skipped:
            self.stdout.write(f"{path}:{line}: left out: {message}")
        for line, message in check.notes:
            self.stdout.write(f"{path}:{line}: {message}")
        verb = "would import" if options["dry_run"] else "imported"
        left_out = f", left out {len(check.skipped)}" if check.skipped else ""
        self.stdout.write(f"{path}: {verb} {len(check.questions)} question(s){left_out}.")
