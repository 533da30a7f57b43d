"""The bare request's instructions, for a loaded machine: one stack, under callgrind.

    valgrind --tool=callgrind --toggle-collect=functools_reduce \\
        python bench/bare_request_callgrind.py --database h1_bench site 300

`site` is settings.MIDDLEWARE, `stock` Django's default middleware (bench/bare_request.py).
After 50 requests to warm up, `requests` more run inside `functools.reduce`, so that callgrind
counts only them; divide its "Collected" by `requests`. Instruction counts hardly move with
the machine's load, as CPU times do.
"""

import argparse
import functools
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="relations_bench")
    parser.add_argument("--path", default="/bench/reference/")
    parser.add_argument("stack", choices=["site", "stock"])
    parser.add_argument("requests", type=int)
    args = parser.parse_args()
    import load

    os.environ.update(load.environment(args.database, cached=False))
    import django

    django.setup()
    from bare_request import STOCK_MIDDLEWARE
    from django.conf import settings
    from django.test import Client, override_settings

    middleware = list(settings.MIDDLEWARE) if args.stack == "site" else STOCK_MIDDLEWARE
    with override_settings(MIDDLEWARE=middleware):
        client = Client(SERVER_NAME="127.0.0.1")
        for _ in range(50):
            client.get(args.path)
        functools.reduce(lambda kept, _: client.get(args.path) and kept, range(args.requests), 0)


if __name__ == "__main__":
    main()
