"""Imports point downward: partners.publishing < partners < agreements < missions < config.

Every module of the four packages is parsed, migrations included (a migration is code that runs
on every deployment, and an app's migration must not reach into a higher app), and every import
counts, at the top of the file or inside a function. An upward import fails the test unless it is
one of the composite read pages named below.
"""

import ast
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("partners", "agreements", "missions", "config")
# Bottom to top; a module belongs to the longest prefix that names it.
LAYERS = ("partners.publishing", "partners", "agreements", "missions", "config")

# Composite read pages: a selector may read an upper app's models, each read named here and in a
# comment beside the import.
ALLOWED_UPWARD = {
    # The partner dossier: the agreements and missions of a partner.
    ("partners/selectors.py", "agreements.models"),
    ("partners/selectors.py", "missions.models"),
    # An agreement's missions: those during which it was signed.
    ("agreements/selectors.py", "missions.models"),
}


class Upward(NamedTuple):
    path: str
    line: int
    imported: str

    def __str__(self):
        return (
            f"{self.path}:{self.line} imports {self.imported} "
            f"({layer(self.imported)} is above {layer(module_name(self.path))})"
        )


def layer(module: str) -> str | None:
    """The layer a project module belongs to, or None for Django, libraries and the stdlib."""
    for name in LAYERS:
        if module == name or module.startswith(f"{name}."):
            return name
    return None


def rank(module: str) -> int | None:
    name = layer(module)
    return None if name is None else LAYERS.index(name)


def module_name(path: str) -> str:
    """partners/publishing/models.py → partners.publishing.models; a package's __init__ → it."""
    parts = list(Path(path).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (ROOT / relative.with_suffix(".py")).is_file() or (ROOT / relative).is_dir()


def imported_modules(source: str, path: str):
    """(line, module) for every import in the source, relative ones resolved; `from a import b`
    names the module a.b when b is a module of the project, else a."""
    package = module_name(path).split(".")
    if not path.endswith("__init__.py"):
        package = package[:-1]
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module
            for alias in node.names:
                candidate = f"{origin}.{alias.name}"
                yield node.lineno, candidate if _is_module(candidate) else origin


def upward_imports(source: str, path: str) -> list[Upward]:
    """The imports of the module at `path` (relative to the project) that point to a higher
    layer, those on the named list aside."""
    own = rank(module_name(path))
    found = []
    for line, imported in imported_modules(source, path):
        target = rank(imported)
        if own is None or target is None or target <= own:
            continue
        named = (path, ".".join(imported.split(".")[:2]))
        if named not in ALLOWED_UPWARD:
            found.append(Upward(path, line, imported))
    return found


def project_modules():
    for package in PACKAGES:
        for file in sorted((ROOT / package).rglob("*.py")):
            yield file.relative_to(ROOT).as_posix(), file.read_text(encoding="utf-8")


def test_no_module_imports_upward():
    found = [str(up) for path, source in project_modules() for up in upward_imports(source, path)]
    assert found == [], "Upward imports:\n" + "\n".join(found)


def test_every_named_upward_read_is_still_made():
    """A read that was removed leaves the list, so that the list says what the code does."""
    made = {
        (path, ".".join(imported.split(".")[:2]))
        for path, source in project_modules()
        for _line, imported in imported_modules(source, path)
    }
    assert ALLOWED_UPWARD - made == set()


def test_every_package_module_is_parsed():
    paths = {path for path, _source in project_modules()}
    for expected in (
        "partners/publishing/models.py",
        "partners/trade/importing/run.py",
        "agreements/migrations/0001_initial.py",
        "missions/selectors.py",
        "config/demo/loader.py",
        "config/settings/base.py",
    ):
        assert expected in paths


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        # An import inside a function counts, with its own line.
        (
            "partners/models.py",
            "import datetime\n\n\ndef dossier():\n    from missions.models import Mission\n",
            [("partners/models.py", 5, "missions.models")],
        ),
        # The publishing core imports no other project module, relative imports resolved.
        (
            "partners/publishing/views.py",
            "from django.db import models\nfrom ..models import Partner\nfrom . import search\n",
            [("partners/publishing/views.py", 2, "partners.models")],
        ),
        (
            "partners/publishing/__init__.py",
            "from partners import trade\nfrom partners import publishing\n",
            [("partners/publishing/__init__.py", 1, "partners.trade")],
        ),
        # Apps never import config, nor a migration a higher app.
        (
            "missions/views.py",
            "import config.cache\nfrom agreements.models import Agreement\n",
            [("missions/views.py", 1, "config.cache")],
        ),
        (
            "agreements/migrations/0009_fake.py",
            "from django.db import migrations\nimport missions.models\n",
            [("agreements/migrations/0009_fake.py", 2, "missions.models")],
        ),
        # Trade is part of partners: it may use the core, and nothing above partners.
        (
            "partners/trade/views.py",
            "from partners.publishing.views import PublicListMixin\nfrom agreements import models\n",
            [("partners/trade/views.py", 2, "agreements.models")],
        ),
        # The named reads, and config reading every app, pass.
        ("partners/selectors.py", "from missions.models import Mission\n", []),
        (
            "config/search.py",
            "from missions.models import Mission\nfrom partners import models\n",
            [],
        ),
        # A named read is named for its file only.
        (
            "partners/views.py",
            "from missions.models import Mission\n",
            [("partners/views.py", 1, "missions.models")],
        ),
    ],
)
def test_the_guard_catches_an_upward_import(path, source, expected):
    assert [tuple(up) for up in upward_imports(source, path)] == expected


def test_the_failure_names_the_file_the_line_and_the_module():
    (up,) = upward_imports("x = 1\nfrom config.cache import bump\n", "agreements/services.py")
    assert str(up) == "agreements/services.py:2 imports config.cache (config is above agreements)"
