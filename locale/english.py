"""Fill the English catalog: the source strings are English, so each translation is its msgid.

`make messages` runs this after makemessages, so that the English catalog is complete too and
an English string that a later change rewrites can never fall back to a stale translation.
"""

import re
import sys
from pathlib import Path

CATALOG = Path(__file__).resolve().parent / "en" / "LC_MESSAGES" / "django.po"
HEADER = {
    '"Language: \\n"': '"Language: en\\n"',
    '"Project-Id-Version: PACKAGE VERSION\\n"': '"Project-Id-Version: relations-internationales\\n"',
    '"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"': '"PO-Revision-Date: 2026-11-22 12:00-0500\\n"',
    '"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"': '"Last-Translator: Web team <web@mri.example>\\n"',
    '"Language-Team: LANGUAGE <LL@li.org>\\n"': '"Language-Team: English <web@mri.example>\\n"',
}
ENTRY = re.compile(r"\n\n(?=#|msgid|msgctxt)")


def complete(text: str) -> str:
    entries = ENTRY.split(text)
    done = [entries[0]]
    for entry in entries[1:]:
        lines = entry.split("\n")
        singular, plural, out, i = [], [], [], 0
        # Collect msgid and msgid_plural (each may continue on "..." lines).
        while i < len(lines):
            line = lines[i]
            if line.startswith("msgid ") or line.startswith("msgid_plural "):
                target = singular if line.startswith("msgid ") else plural
                target.append(line.split(" ", 1)[1])
                out.append(line)
                i += 1
                while i < len(lines) and lines[i].startswith('"'):
                    target.append(lines[i])
                    out.append(lines[i])
                    i += 1
                continue
            if line.startswith("msgstr"):
                # Replace the translation(s) with the source text.
                while i < len(lines) and (
                    lines[i].startswith("msgstr") or lines[i].startswith('"')
                ):
                    i += 1
                if plural:
                    out.append("msgstr[0] " + singular[0])
                    out.extend(singular[1:])
                    out.append("msgstr[1] " + plural[0])
                    out.extend(plural[1:])
                else:
                    out.append("msgstr " + singular[0])
                    out.extend(singular[1:])
                continue
            if line == "#, fuzzy":
                i += 1
                continue
            out.append(line.replace("#, fuzzy, ", "#, "))
            i += 1
        done.append("\n".join(out))
    header = done[0].replace("#, fuzzy\n", "")
    for default, value in HEADER.items():
        header = header.replace(default, value)
    return "\n\n".join([header, *done[1:]])


if __name__ == "__main__":
    CATALOG.write_text(complete(CATALOG.read_text(encoding="utf-8")), encoding="utf-8")
    sys.exit(0)
