"""Where a cold page's time goes: pyinstrument over each public page type, cache off.

    python bench/profile_pages.py --database h8            # every page type, 20 requests each
    python bench/profile_pages.py --database h8 --page dossier --repeat 50 --html /tmp/dossier.html

Runs in one process with the benchmark's settings (production, bench/load.py's database and
data), through Django's test client, after two warming requests per page. For each page it prints
the median time of one request and pyinstrument's call tree (functions above 2 % of the time);
`--html` writes the last page's profile as pyinstrument's interactive HTML.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="relations_bench")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--page", help="only this page (its label in bench/load.py, or a path)")
    parser.add_argument("--html", help="write the (last) profile as HTML here")
    args = parser.parse_args()

    import load

    targets, client = load.in_process(args.database)
    from pyinstrument import Profiler

    targets = load.chosen_pages(targets, args.page)
    for label, path in targets:
        for _ in range(2):
            assert client.get(path).status_code == 200, path
        times = []
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get(path)
            times.append(time.perf_counter() - started)
        profiler.stop()
        print(f"\n=== {label} `{path}`: median {statistics.median(times) * 1000:.1f} ms")
        print(profiler.output_text(unicode=True, color=False, show_all=False, time="percent"))
        if args.html:
            Path(args.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main()
