"""Write the HTML of every public page type, in both languages, to a folder, so that two
versions of the code can be compared page by page (`diff -r before/ after/`).

    .venv/bin/python bench/snapshot_pages.py /tmp/before

It loads the reference and demo data into a throwaway SQLite database and asks each page with
Django's test client. What changes from one request to the next (CSP nonces, CSRF tokens) is
replaced by a fixed word so that only content differences remain.
"""

import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = [
    "/{lang}/",
    "/fr/partenaires/",
    "/en/partners/",
    "/fr/partenaires/?region=AS&sort=agreements",
    "/en/partners/?region=AS&sort=agreements",
    "/fr/partenaires/cn/",
    "/en/partners/cn/",
    "/fr/partenaires/us/",
    "/en/partners/us/",
    "/fr/ententes/",
    "/en/agreements/",
    "/fr/ententes/?partner=cn",
    "/en/agreements/?partner=cn",
    "/fr/ententes/entente-science-technologie-chine-1995/",
    "/en/agreements/entente-science-technologie-chine-1995/",
    "/fr/missions/",
    "/en/missions/",
    "/fr/missions/mission-sante-chine-2017/",
    "/en/missions/mission-sante-chine-2017/",
    "/fr/commerce/",
    "/en/trade/",
    "/fr/commerce/?partner=cn&partner=kr",
    "/en/trade/?partner=cn&partner=kr",
    "/fr/recherche/?q=sant%C3%A9",
    "/en/search/?q=health",
    "/fr/ententes/fil/",
    "/en/agreements/feed/",
    "/fr/missions/fil/",
    "/en/missions/feed/",
    "/fr/ententes/?format=csv",
    "/en/agreements/?format=json",
    "/fr/partenaires/?format=csv",
    "/en/missions/?format=json",
    "/fr/commerce/?format=csv",
    "/fr/partenaires/us-ny/",
    "/en/partners/us-ny/",
    "/sitemap.xml",
    "/fr/ententes/?page=2&sort=title",
    "/en/agreements/?partner=cn&status=in_force&kind=agreement&sector=sante",
    "/en/agreements/?q=science&year_from=1990",
    "/fr/missions/?partner=cn&year=2017",
    "/en/missions/?page=2",
    "/fr/partenaires/?kind=country&agreements=yes&sector=sante",
    "/en/partners/?page=2",
    "/fr/recherche/?q=chine&page=2",
    "/en/search/?q=china",
]

VOLATILE = [
    (re.compile(r'nonce="[^"]*"'), 'nonce="N"'),
    (
        re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
        'name="csrfmiddlewaretoken" value="T"',
    ),
    (re.compile(r"<updated>[^<]*</updated>"), "<updated>U</updated>"),
]


def main(out: Path) -> None:
    database = Path(tempfile.mkdtemp()) / "snapshot.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    out.mkdir(parents=True, exist_ok=True)
    client = Client(HTTP_HOST="localhost")
    for page in PAGES:
        for lang in ("fr", "en") if "{lang}" in page else (None,):
            url = page.format(lang=lang)
            response = client.get(url)
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            body = content.decode()
            for pattern, replacement in VOLATILE:
                body = pattern.sub(replacement, body)
            name = re.sub(r"[^a-zA-Z0-9]+", "_", url).strip("_") or "root"
            (out / f"{name}.txt").write_text(f"{response.status_code} {url}\n{body}")
    print(f"{len(list(out.iterdir()))} pages written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
