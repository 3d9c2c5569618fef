"""Compile the translation catalogues into the wheel: the .mo files are not committed,
so an installed pack speaks French and Spanish without `compilemessages` on the host."""

from pathlib import Path

import polib
from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithTranslations(build_py):
    def run(self):
        super().run()
        for po_file in Path(self.build_lib).glob("*/locale/*/LC_MESSAGES/*.po"):
            polib.pofile(str(po_file)).save_as_mofile(str(po_file.with_suffix(".mo")))


setup(cmdclass={"build_py": BuildPyWithTranslations})
