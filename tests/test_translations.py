"""Every interface string has a French and a Spanish translation."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[1] / "academy" / "locale"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_interface_string_is_translated(language):
    catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert missing == [], f"untranslated in {language}: {missing}"
    assert fuzzy == [], f"fuzzy (needs review) in {language}: {fuzzy}"
    assert len(catalog) > 100


@pytest.mark.parametrize("language", ["fr", "es"])
def test_placeholders_survive_translation(language):
    import re

    catalog = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    for entry in catalog.translated_entries():
        wanted = sorted(re.findall(r"%\(\w+\)s", entry.msgid))
        for text in [entry.msgstr] if entry.msgstr else entry.msgstr_plural.values():
            assert sorted(set(re.findall(r"%\(\w+\)s", text))) == sorted(set(wanted)), entry.msgid
