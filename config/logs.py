"""Logs: one JSON object a line on standard error in production, each with the request's id.

What a process manager (systemd's journal) or a log collector reads: `time`, `level`, `logger`,
`message`, `request_id` and `path` of the request being served (empty outside one), and
`traceback` when there is an exception. The id comes from the proxy's `X-Request-ID` when it
sends a sane one, else it is made here; it is sent back in the response's `X-Request-ID` and
printed on the 500 page, so a visitor's report leads to the log line.
"""

import contextvars
import json
import logging
import os
import re
from datetime import UTC, datetime

from config.headers import Header

HEADER = "X-Request-ID"
SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# Every id sent back is ASCII without line breaks (SANE_ID's characters, or hexadecimal digits):
# checked as this one is (config/headers.py).
REQUEST_ID = Header(HEADER, "0" * 32)

_current = contextvars.ContextVar("request", default=("", ""))


def current_request_id() -> str:
    return _current.get()[0]


class RequestIdMiddleware:
    """First in the chain: every log line of the request, and its response, carry the id.

    A made id is 32 hexadecimal digits of os.urandom, in one call (uuid4's are the same length,
    through three Python calls); the response's header is written in one step, as checked
    (`REQUEST_ID`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request.id = given if SANE_ID.fullmatch(given) else os.urandom(16).hex()
        token = _current.set((request.id, request.path))
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        REQUEST_ID.set_value(response, request.id)
        return response


class RequestContextFilter(logging.Filter):
    """Put the current request's id and path on every record (a handler's filter)."""

    def filter(self, record):
        request_id, path = _current.get()
        if not getattr(record, "request_id", ""):
            record.request_id = request_id
        if not getattr(record, "path", ""):
            request = getattr(record, "request", None)
            record.path = getattr(request, "path", "") or path
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
            "path": getattr(record, "path", ""),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        elif record.stack_info:
            entry["traceback"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


def logging_config(*, structured: bool, level: str = "INFO") -> dict:
    """settings.LOGGING: everything to standard error, JSON lines when `structured`."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": "config.logs.RequestContextFilter"}},
        "formatters": {
            "json": {"()": "config.logs.JsonFormatter"},
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "filters": ["request"],
                "formatter": "json" if structured else "plain",
            }
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            # Django's own loggers send to the root (and to the console only with DEBUG on).
            "django": {"handlers": [], "level": level, "propagate": True},
            # django.server (runserver's access log) keeps Django's own handler.
        },
    }
