from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...h5p import conf
from ...h5p.player_assets import PlayerAssetsError, copy_dist, download, extract_dist


class Command(BaseCommand):
    help = ("Install the H5P player (h5p-standalone, pinned version) into a folder to serve as "
            "static files: add (\"h5p-standalone\", that folder) to STATICFILES_DIRS.")

    def add_arguments(self, parser):
        parser.add_argument("target", nargs="?",
                            help="folder to install into (default: ACADEMY_H5P_PLAYER_DIR)")
        parser.add_argument("--from-npm-package", metavar="DIR",
                            help="copy from an npm-installed node_modules/h5p-standalone "
                                 "instead of downloading")

    def handle(self, *args, target=None, from_npm_package=None, **options):
        target = target or getattr(settings, "ACADEMY_H5P_PLAYER_DIR", None)
        if not target:
            raise CommandError("Give a folder, or set ACADEMY_H5P_PLAYER_DIR.")
        try:
            if from_npm_package:
                installed = copy_dist(from_npm_package, target)
            else:
                installed = extract_dist(download(), target)
        except PlayerAssetsError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"H5P player {conf.PLAYER_PACKAGE} {conf.PLAYER_VERSION} installed "
                          f"in {installed}. Run collectstatic if you serve collected files.")
