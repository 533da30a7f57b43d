"""Fail when a message catalog has an untranslated or fuzzy entry, or a stale compiled file.

Run as `python -m tests.check_catalogs` (CI does, through `make check`).
"""

import subprocess
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def problems() -> list[str]:
    found = []
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        result = subprocess.run(
            ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
            capture_output=True,
            text=True,
            check=False,
        )
        stats = result.stderr.strip()
        if result.returncode != 0 or "untranslated" in stats or "fuzzy" in stats:
            found.append(f"{po.relative_to(LOCALE.parent)}: {stats}")
        mo = po.with_suffix(".mo")
        if not mo.exists():
            found.append(f"{mo.relative_to(LOCALE.parent)}: missing, run `make compilemessages`")
    return found


if __name__ == "__main__":
    issues = problems()
    for line in issues:
        print(line, file=sys.stderr)
    sys.exit(1 if issues else 0)
