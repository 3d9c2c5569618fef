from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...keys import create_key, load


class Command(BaseCommand):
    help = ("Create the Ed25519 key that signs Open Badges, in a new file (mode 0600). Give "
            "every node and worker that file (ACADEMY_BADGE_KEY_PATH) or its text "
            "(ACADEMY_BADGE_KEY_PEM). An existing file is never replaced.")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        if path.exists():
            raise CommandError(f"{path} exists already: badges signed with it would no longer "
                               "verify if it were replaced.")
        create_key(path)
        load(path.read_bytes())
        self.stdout.write(f"Badge signing key written to {path}.")
