"""Response headers whose name and value a middleware knows before the response: checked once.

`response[name] = value` and `response.headers.setdefault(name, value)` check the name and the
value on every write (ResponseHeaders' `_convert_to_charset`, twice a header: the charset and
newlines), and `name in response` looks it up through two mapping methods: three to five Python
calls a header. A middleware that writes the same header on every response (the site's CSP,
`Vary: Accept-Language`, `Content-Language: fr`) makes a `Header` when it is built: Django's
ResponseHeaders checks it then, once, and what it stored is what `set()` and `setdefault()`
store on each response, one call each. tests/config/test_headers.py holds them to Django's.
"""

from django.http import HttpResponseBase
from django.http.response import ResponseHeaders


class Header:
    """One header, its name and value checked by Django's ResponseHeaders when it is made (a
    value that cannot be sent raises then, as a write would)."""

    __slots__ = ("item", "key")

    def __init__(self, name: str, value: str):
        ((self.key, self.item),) = ResponseHeaders({name: value})._store.items()

    @property
    def name(self) -> str:
        return self.item[0]

    @property
    def value(self) -> str:
        return self.item[1]

    def set(self, response: HttpResponseBase) -> None:
        """`response[name] = value`."""
        response.headers._store[self.key] = self.item

    def setdefault(self, response: HttpResponseBase) -> bool:
        """`response.headers.setdefault(name, value)`: written unless the response has the
        header. True if it has it now with this value (written, or this one written before)."""
        return response.headers._store.setdefault(self.key, self.item) is self.item

    def absent(self, response: HttpResponseBase) -> bool:
        """`name not in response`."""
        return self.key not in response.headers._store

    def set_value(self, response: HttpResponseBase, value: str) -> None:
        """`response[name] = value` for another value that the caller has checked as this one
        was: ASCII (or latin-1) without line breaks, such as a value a pattern matched."""
        response.headers._store[self.key] = (self.item[0], value)

    def __repr__(self) -> str:
        return f"Header({self.name!r}, {self.value!r})"
