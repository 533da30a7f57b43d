"""Apply a table of French translations to the French catalog (used to bootstrap it).

    python locale/french.py TABLE.py

TABLE.py defines T ({msgid or (msgctxt, msgid): msgstr}) and P ({msgid: (singular, plural)}).
Entries already translated are kept; the script reports what the table does not cover.
"""

import runpy
import sys
from pathlib import Path

import polib

CATALOG = Path(__file__).resolve().parent / "fr" / "LC_MESSAGES" / "django.po"


def french_spacing(text: str) -> str:
    """A no-break space before a colon, as French typography wants (not in URLs or code)."""
    return text.replace(" :", "\u00a0:")


def main(table_path: str) -> int:
    table = runpy.run_path(table_path)
    singles, plurals = table["T"], table["P"]
    po = polib.pofile(str(CATALOG))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:  # a guess by msgmerge: translate it anew
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = {0: "", 1: ""} if entry.msgid_plural else {}
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if entry.msgid_plural:
            if entry.msgstr_plural.get(0):
                continue
            plural_key = (entry.msgctxt, entry.msgid) if entry.msgctxt else entry.msgid
            if plural_key in plurals:
                one, many = plurals[plural_key]
                entry.msgstr_plural = {0: french_spacing(one), 1: french_spacing(many)}
                entry.flags = [f for f in entry.flags if f != "fuzzy"]
            else:
                missing.append(entry.msgid)
            continue
        if entry.msgstr:
            continue
        key = (entry.msgctxt, entry.msgid) if entry.msgctxt else entry.msgid
        if key in singles:
            entry.msgstr = french_spacing(singles[key])
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
        else:
            missing.append(entry.msgid)
    po.metadata.update(
        {
            "Project-Id-Version": "relations-internationales",
            "Language": "fr",
            "Language-Team": "French <web@mri.example>",
            "Last-Translator": "Web team <web@mri.example>",
            "PO-Revision-Date": "2026-11-22 12:00-0500",
        }
    )
    po.metadata_is_fuzzy = False
    po.save(str(CATALOG))
    for msgid in missing:
        print("not translated:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
