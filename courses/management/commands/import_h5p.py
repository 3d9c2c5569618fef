from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...h5p.importer import import_package
from ...h5p.validation import PackageRejected


class Command(BaseCommand):
    help = "Import .h5p packages; print each import or rejection; fail if any is rejected."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")

    def handle(self, *args, **options):
        rejected = 0
        for name in options["files"]:
            path = Path(name)
            try:
                if not path.is_file():
                    raise PackageRejected(["no such file"])
                package = import_package(path)
            except PackageRejected as rejection:
                rejected += 1
                for problem in rejection.problems:
                    self.stderr.write(f"{path}: rejected: {problem}")
                continue
            self.stdout.write(f"{path}: imported “{package.title}” ({package.main_library}), "
                              f"id {package.id}")
        if rejected:
            raise CommandError(f"{rejected} package(s) rejected.")
