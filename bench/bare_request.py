"""The bare request's floor: CPU time of the one-query reference view through the site's
middleware, against the same view through Django's default middleware (a stock `startproject`).

    python bench/bare_request.py --database h8 [--requests 3000]

One process, the benchmark's settings, Django's test client; CPU time (`time.process_time`),
not wall time, so other work on the machine weighs less. The two stacks alternate in rounds and
the best round of each is kept; Python calls per request are counted with `sys.setprofile`.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

STOCK_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="relations_bench")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--path", default="/bench/reference/")
    args = parser.parse_args()
    import load

    os.environ.update(load.environment(args.database, cached=False))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client, override_settings

    stacks = {"site": list(settings.MIDDLEWARE), "stock Django": STOCK_MIDDLEWARE}
    best = {name: float("inf") for name in stacks}
    calls = {}
    for _round in range(args.rounds):
        for name, middleware in stacks.items():
            with override_settings(MIDDLEWARE=middleware):
                client = Client(SERVER_NAME="127.0.0.1")
                for _ in range(50):
                    client.get(args.path)
                started = time.process_time()
                for _ in range(args.requests):
                    client.get(args.path)
                best[name] = min(best[name], (time.process_time() - started) / args.requests)
                if name not in calls:
                    count = [0]

                    def tracer(frame, event, arg, count=count):
                        if event == "call":
                            count[0] += 1

                    sys.setprofile(tracer)
                    client.get(args.path)
                    sys.setprofile(None)
                    calls[name] = count[0]
    for name in stacks:
        print(
            f"{name:14} {len(stacks[name]):2} middleware  {best[name] * 1000:.3f} ms CPU/request"
            f"  {calls[name]} Python calls  ({best[name] / best['stock Django']:.2f}x stock)"
        )


if __name__ == "__main__":
    main()
