from django.core.management.base import BaseCommand, CommandError

from ...bank_io import export_gift
from ...models import Question


class Command(BaseCommand):
    help = "Write questions of the bank as GIFT (all, or one category / language)."

    def add_arguments(self, parser):
        parser.add_argument("--category", help="category name")
        parser.add_argument("--language", help="en, fr or es")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        questions = Question.objects.all()
        if options["category"]:
            questions = questions.filter(category__name=options["category"])
        if options["language"]:
            questions = questions.filter(locale__language_code=options["language"])
        if not questions.exists():
            raise CommandError("No question matches.")
        text = export_gift(questions)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stdout.write(f"{questions.count()} question(s) written to {options['output']}.")
        else:
            self.stdout.write(text)
