"""The page's language is resolved in one place (partners/publishing/language.py): templates
never read a language's column nor branch on the language, and no module but that one asks
Django which language is active."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("partners", "agreements", "missions", "config")
LANGUAGE_MODULE = ROOT / "partners" / "publishing" / "language.py"

# `{{ record.title_fr }}`, `{% if record.note_en %}`: a column of one language.
COLUMN = re.compile(r"\.\w+_(?:fr|en)\b")
# `{% if LANGUAGE_CODE == "fr" %}`, `{% if x != LANGUAGE_CODE %}`: a branch on the language.
BRANCH = re.compile(r"\{%[^%]*\b(?:if|elif)\b[^%]*\bLANGUAGE_CODE\b[^%]*%\}")
ASKS = re.compile(r"\bget_language\(\)")


def offending_template_lines(text: str) -> list[str]:
    return [
        line.strip() for line in text.splitlines() if COLUMN.search(line) or BRANCH.search(line)
    ]


def test_the_checks_catch_what_they_look_for():
    assert offending_template_lines("{% if mission.context_fr or mission.context_en %}") != []
    assert offending_template_lines("{% if mission.language_scope != LANGUAGE_CODE %}") != []
    assert offending_template_lines('<html lang="{{ LANGUAGE_CODE }}">') == []
    assert offending_template_lines('{% translated mission "context" %}') == []


def test_templates_neither_read_a_language_column_nor_branch_on_the_language():
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if (lines := offending_template_lines(path.read_text()))
    }
    assert found == {}


def test_only_the_language_module_asks_django_for_the_active_language():
    asking = sorted(
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
        and path != LANGUAGE_MODULE
        and ASKS.search(path.read_text())
    )
    assert asking == []
