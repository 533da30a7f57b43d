"""A crawler of the public site through Django's test client, and the rules the crawl test
(tests/guards/test_crawl.py) checks each page against.

It starts at the home pages and the sitemap, follows every internal address a page gives (links,
`hreflang` alternates, the sitemap's `<loc>` and `xhtml:link` alternates), follows redirects to
their end, and keeps, for each page, its visible text in pieces, each with the language of the
element it sits in.
"""

import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
# Elements with no end tag: they never enter the stack of open elements.
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Elements whose text the reader never sees.
HIDDEN = {"script", "style", "template", "noscript"}
# Attributes a reader (or a screen reader) gets as text.
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


@dataclass
class Piece:
    """A run of visible text and the language of the element it sits in."""

    text: str
    lang: str
    tag: str
    code: bool = False  # inside <code> or translate="no": an identifier, not words or a count


@dataclass
class Page:
    address: str
    status: int
    lang: str = ""
    pieces: list[Piece] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    alternates: dict[str, str] = field(default_factory=dict)


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = []  # (tag, lang, code) of each open element
        self.html_lang = ""
        self.pieces: list[Piece] = []
        self.links: list[str] = []
        self.alternates: dict[str, str] = {}  # hreflang: address, of the head's alternates
        self.hidden = 0

    @property
    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else self.html_lang

    @property
    def code(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang")
        if tag == "html":
            self.html_lang = lang or ""
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "link" and attributes.get("rel") == "alternate" and attributes.get("href"):
            self.links.append(attributes["href"])
            if attributes.get("hreflang"):
                self.alternates[attributes["hreflang"]] = attributes["href"]
        if tag == "meta" and attributes.get("name") == "description":
            self._text(attributes.get("content") or "", self.lang, "meta")
        element_lang = lang if lang is not None else self.lang
        code = self.code or tag == "code" or attributes.get("translate") == "no"
        if not self.hidden:
            for name in TEXT_ATTRIBUTES:
                if attributes.get(name):
                    self._text(attributes[name], element_lang, f"{tag}@{name}", code)
        if tag in VOID:
            return
        self.stack.append((tag, element_lang, code))
        if tag in HIDDEN:
            self.hidden += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                if tag in HIDDEN:
                    self.hidden -= 1
                return

    def handle_data(self, data):
        if not self.hidden:
            self._text(data, self.lang, self.stack[-1][0] if self.stack else "", self.code)

    def _text(self, text, lang, tag, code=False):
        text = " ".join(text.split())
        if text:
            self.pieces.append(Piece(text, lang, tag, code))


def sitemap_addresses(body: bytes) -> list[str]:
    root = ElementTree.fromstring(body)
    found = [loc.text.strip() for loc in root.iterfind(".//sm:loc", SITEMAP_NS)]
    found += [
        link.get("href") for link in root.iterfind(".//xhtml:link", SITEMAP_NS) if link.get("href")
    ]
    return found


class Crawler:
    """Breadth first from the start addresses; at most `variants` query strings a path."""

    def __init__(self, client, *, skip_prefixes=(), variants=2, limit=2000):
        self.client = client
        self.skip_prefixes = tuple(skip_prefixes)
        self.variants = variants
        self.limit = limit
        self.pages: dict[str, Page] = {}
        self.broken: list[tuple[str, int, str]] = []  # (address, status, linked from)
        self.queries: dict[str, set[str]] = defaultdict(set)

    def internal(self, href: str, base: str) -> str | None:
        absolute = urljoin(base, href)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or parts.netloc not in ("testserver", ""):
            return None
        if parts.path.startswith(self.skip_prefixes):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def admit(self, address: str) -> bool:
        path, _, query = address.partition("?")
        if not query:
            return True
        seen = self.queries[path]
        if query in seen:
            return True
        if len(seen) >= self.variants:
            return False
        seen.add(query)
        return True

    def run(self, starts):
        queue = deque((start, "(start)") for start in starts)
        queued = set(starts)
        while queue:
            if len(self.pages) >= self.limit:
                raise AssertionError(f"the crawl passed {self.limit} pages: a link loop?")
            address, referrer = queue.popleft()
            page, links = self.fetch(address, referrer)
            if page is None:
                continue
            self.pages[page.address] = page
            queued.add(page.address)
            for href in links:
                target = self.internal(href, f"http://testserver{address}")
                if target is None or target in queued or not self.admit(target):
                    continue
                queued.add(target)
                queue.append((target, address))
        return self

    def fetch(self, address, referrer):
        """The page at the end of the address's redirects, or None (recorded as broken)."""
        current = address
        for _hop in range(5):
            response = self.client.get(current)
            if response.status_code in (HTTPStatus.MOVED_PERMANENTLY, HTTPStatus.FOUND):
                current = self.internal(response["Location"], f"http://testserver{current}")
                if current is None:
                    self.broken.append((address, response.status_code, referrer))
                    return None, []
                continue
            break
        else:
            self.broken.append((address, response.status_code, referrer))
            return None, []
        if response.status_code != HTTPStatus.OK:
            self.broken.append((address, response.status_code, referrer))
            return None, []
        kind = response.get("Content-Type", "")
        if current != address and current in self.pages:
            return None, []  # a redirect to a page already read
        page = Page(current, response.status_code)
        if current == "/sitemap.xml" or (
            kind.startswith("application/xml") and "sitemap" in current
        ):
            return page, sitemap_addresses(response.content)
        if not kind.startswith("text/html") or getattr(response, "streaming", False):
            return page, []  # a download: its status is checked, its body is not read
        parser = PageParser()
        parser.feed(response.content.decode())
        parser.close()
        page.lang, page.pieces, page.links = parser.html_lang, parser.pieces, parser.links
        page.alternates = parser.alternates
        return page, parser.links


# Numbers ---------------------------------------------------------------------------------------

# A count or an amount of four digits or more is grouped (1 807, 1,807). A run of four digits
# or more is allowed as it is only when it is one of these, and nothing else:
# - a year: exactly four digits from 1900 to 2100 (2017; each year of 2015-2016, with a hyphen or an en dash);
# - an ISO date: 2017-09-02;
# - the number of an ISO standard: "ISO 3166", "ISO 3166-1", "ISO 8601";
# - a North American phone number: +1 418 555-0123, 418-555-0123, (418) 555-0123;
# - an identifier: two to six digits in an element marked as code (`<code>`, or
#   `translate="no"`, as HS codes are: "(8802)"); the caller says so with `code=True`.
DIGIT_RUN = re.compile(r"(?<!\d)\d{4,}(?!\d)")
YEAR = re.compile(r"^(?:19\d\d|20\d\d|2100)$")
SPARED = (
    re.compile(r"(?<!\d)(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]\d{3}[ .-]\d{4}(?!\d)"),  # phone
    re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)"),  # ISO date
    re.compile(r"\bISO \d{4,5}(?:-\d)?(?!\d)"),  # ISO standard
)


def ungrouped_counts(text: str, *, code: bool = False) -> list[str]:
    """The runs of four digits or more in `text` that the rules above do not allow."""
    spared = [match.span() for pattern in SPARED for match in pattern.finditer(text)]
    found = []
    for match in DIGIT_RUN.finditer(text):
        start, end = match.span()
        if any(s <= start and end <= e for s, e in spared):
            continue
        run = match.group()
        if YEAR.match(run) or (code and len(run) <= 6):
            continue
        found.append(run)
    return found


# Words of the catalog -------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")


def _pattern(text: str) -> re.Pattern | None:
    """A text of the catalog as a pattern that matches a whole run of visible text, each
    placeholder standing for anything; None for a text that is mostly placeholders (it would match
    anything)."""
    literal = PLACEHOLDER.sub(" ", text)
    if not re.search(r"[^\W\d_]{2,}", literal):
        return None
    chunks = [r"\s+".join(map(re.escape, chunk.split())) for chunk in PLACEHOLDER.split(text)]
    body = ".+?".join(chunks)
    return re.compile(rf"^\s*{body}\s*$")


def _catalog_texts(po_path) -> tuple[set, set]:
    """(French, English): the catalog's translations that differ from their msgid, and those
    msgids."""
    import polib

    french, english = set(), set()
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            pairs = [(entry.msgid, entry.msgstr_plural.get(0, ""))]
            pairs += [(entry.msgid_plural, entry.msgstr_plural.get(1, ""))]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for msgid, msgstr in pairs:
            if msgstr and msgstr != msgid:
                french.add(msgstr)
                english.add(msgid)
    return french, english


def catalog_words(po_path) -> tuple[list, list]:
    """(French, English) patterns, each matching a whole run of text: the catalog's texts of
    each language, leaving out any text that is also a text of the other language ("Type")."""
    french, english = _catalog_texts(po_path)
    french, english = french - english, english - french
    compiled = []
    for texts in (french, english):
        patterns = [(text, _pattern(text)) for text in sorted(texts)]
        compiled.append([(text, pattern) for text, pattern in patterns if pattern])
    return compiled[0], compiled[1]


def catalog_phrases(po_path) -> tuple[re.Pattern, re.Pattern]:
    """(French, English) patterns that find, inside a longer run of text, a phrase of the
    catalog: each part between placeholders of two words or more and eight characters or more
    ("Ententes en vigueur"), that no text of the other language contains."""
    french, english = _catalog_texts(po_path)
    compiled = []
    for texts, others in ((french, english), (english, french)):
        phrases = set()
        for text in texts:
            for part in PLACEHOLDER.split(text):
                part = " ".join(part.split()).strip(" :,.;()")
                if len(part.split()) >= 2 and len(part) >= 8:
                    phrases.add(part)
        phrases = {p for p in phrases if not any(p in other for other in others)}
        alternatives = (
            rf"(?<!\w){re.escape(p)}(?!\w)" for p in sorted(phrases, key=len, reverse=True)
        )
        compiled.append(re.compile("|".join(alternatives)))
    return compiled[0], compiled[1]
