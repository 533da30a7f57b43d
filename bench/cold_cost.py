"""What one cold page costs, page type by page type: CPU time of the process, wall time, queries
and their time, cache off, one request at a time (no wrk, so a busy machine moves it less).

    python bench/cold_cost.py --database h8                    # every page type, 30 requests each
    python bench/cold_cost.py --database h8 --page "partner dossier" --page home --repeat 50

Runs in one process with the benchmark's settings (bench/load.py's environment, production
settings, cache off) through Django's test client, after three warming requests per page. For
each page: the median CPU time of the process per request (`time.process_time`, PostgreSQL's own
work is not in it), the median wall time, the number of queries of one request and the median
time spent in them (wall time around each `execute`, as a database wrapper sees it), and the
Python calls of one request (cProfile's count: the same on a busy machine as on a quiet one). The
reference is the one-query view bench/load.py compares with; each page's CPU time is also given
as its ratio to the reference's.

The page cache is off, not the fragments a page is built from (a list's cards, the filters'
choices: partners/publishing/fragments.py): by default they are warm, as a page that went cold
by an edit of some other record finds them, and so are the selectors' results kept by the
versions of what they show (partners/publishing/results.py), as a page missed for another reason
than an edit of what it shows finds them (expired, evicted, a new address); `--no-results`
computes the results each time (RESULT_CACHE_SECONDS=0), as a page gone cold by an edit of what
it shows; `--cold` empties the cache (the process's own) before each request, as after a restart
of Redis.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


class Timer:
    """A database execute wrapper that counts the queries and adds up their time."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="relations_bench")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--page",
        action="append",
        help="only this page (its label in bench/load.py, or a path); may be repeated",
    )
    parser.add_argument("--cold", action="store_true", help="empty the cache before each request")
    parser.add_argument(
        "--no-results",
        action="store_true",
        help="compute the selectors' results each time (RESULT_CACHE_SECONDS=0)",
    )
    args = parser.parse_args()
    if args.no_results:
        os.environ["RESULT_CACHE_SECONDS"] = "0"

    import load

    targets, client = load.in_process(args.database)
    from django.core.cache import cache
    from django.db import connection

    if args.page:
        reference = [t for t in targets if t[0] == "reference"]
        chosen = [target for page in args.page for target in load.chosen_pages(targets, page)]
        targets = reference + [t for t in chosen if t[0] != "reference"]
    print("| page | CPU ms | x reference | wall ms | queries | SQL ms | Python calls |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    reference_cpu = None
    for label, path in targets:
        for _ in range(3):
            assert client.get(path).status_code == 200, path
        cpu, wall, sql = [], [], []
        queries = 0
        for _ in range(args.repeat):
            if args.cold:
                cache.clear()
            timer = Timer()
            with connection.execute_wrapper(timer):
                started_cpu, started = time.process_time(), time.perf_counter()
                client.get(path)
                wall.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            sql.append(timer.seconds)
            queries = timer.count
        if args.cold:
            cache.clear()
        profile = cProfile.Profile()
        profile.runcall(client.get, path)
        calls = pstats.Stats(profile).total_calls
        median_cpu = statistics.median(cpu) * 1000
        if label == "reference":
            reference_cpu = median_cpu
        ratio = f"{median_cpu / reference_cpu:.1f}" if reference_cpu else ""
        print(
            f"| {label} | {median_cpu:.1f} | {ratio} | {statistics.median(wall) * 1000:.1f}"
            f" | {queries} | {statistics.median(sql) * 1000:.1f} | {calls:,} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
