"""Load benchmark of the read-only API next to the pages that show the same records.

    python bench/api.py                                  # set up bench data (once), then measure
    python bench/api.py --skip-setup --seconds 8         # measure again on the same data
    python bench/api.py --cached                         # with the anonymous page cache on

The same machinery as bench/load.py (its database set-up, gunicorn with the production
settings, wrk from a second process, the one-query reference view), over API addresses: each
list and detail of /api/v1/ right after the public page of the same records, so that the ratios
compare them within one run. Results are printed and written to bench/out/api-<time>.md.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load
from load import PYTHON, ROOT, WRK_SCRIPT, environment, measure, serve, set_up

TARGETS = """
import json
from django.urls import reverse
from django.utils import translation
from agreements.models import Agreement
from missions.models import Mission
from partners.models import Partner
translation.activate("fr")
agreement = Agreement.objects.published().filter(slug__startswith="gen-").order_by("pk")[100]
mission = Mission.objects.published().filter(slug__startswith="gen-").order_by("pk")[100]
china = Partner.objects.published().get(iso_code="CN").slug
api = "/api/v1"
print("PAGES " + json.dumps([
    ["reference", reverse("bench-reference")],
    ["partner list (page)", reverse("partners:list")],
    ["partner list (API)", f"{api}/partners/"],
    ["partner (API)", f"{api}/partners/{china}/"],
    ["agreement list (page)", reverse("agreements:list")],
    ["agreement list (API)", f"{api}/agreements/"],
    ["agreement list, filtered (page)",
     reverse("agreements:list") + f"?partner={china}&status=in_force"],
    ["agreement list, filtered (API)", f"{api}/agreements/?partner={china}&status=in_force"],
    ["agreement detail (page)", reverse("agreements:detail", kwargs={"slug": agreement.slug})],
    ["agreement detail (API)", f"{api}/agreements/{agreement.slug}/"],
    ["mission list (page)", reverse("missions:list")],
    ["mission list (API)", f"{api}/missions/"],
    ["mission detail (page)", reverse("missions:detail", kwargs={"slug": mission.slug})],
    ["mission detail (API)", f"{api}/missions/{mission.slug}/"],
    ["trade explorer (page)", reverse("trade:explorer") + f"?partner={china}"],
    ["trade by year (API)", f"{api}/trade/?partner={china}"],
    ["trade by product (API)", f"{api}/trade/products/?partner={china}"],
    ["sectors (API)", f"{api}/sectors/"],
]))
"""


def targets(env) -> list[tuple[str, str]]:
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", TARGETS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("PAGES "))
    return [tuple(item) for item in json.loads(line[len("PAGES ") :])]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="relations_bench")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--agreements", type=int, default=80_000)
    parser.add_argument("--missions", type=int, default=20_000)
    parser.add_argument("--trade-rows", type=int, default=1_000_000)
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument("--cached", action="store_true", help="turn the anonymous page cache on")
    parser.add_argument(
        "--port", type=int, default=18766, help="gunicorn's port (bench/load.py uses 18765)"
    )
    args = parser.parse_args()
    load.PORT, load.BASE = args.port, f"http://127.0.0.1:{args.port}"
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")

    env = environment(args.database, args.cached)
    if not args.skip_setup:
        set_up(env, args.database, args.agreements, args.missions, args.trade_rows)
    if args.cached:
        subprocess.run(["redis-cli", "-n", "3", "FLUSHDB"], check=False, capture_output=True)
    paths = targets(env)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    server = serve(env, args.workers)
    rows = []
    try:
        for label, path in paths:
            data = measure(path, args.seconds, args.connections, script.name)
            rows.append((label, path, data))
            print(
                f"{label:34} {data['rps']:8.1f} req/s  p50 {data['p50_us'] / 1000:6.1f} ms  "
                f"p95 {data['p95_us'] / 1000:6.1f} ms  errors {data['errors'] + data['non_2xx']}",
                flush=True,
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        os.unlink(script.name)

    reference = rows[0][2]["rps"]
    mode = "cached (anonymous page cache, Redis)" if args.cached else "uncached"
    lines = [
        f"# API load benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {mode}",
        "",
        f"Machine: {os.cpu_count()} cores; gunicorn {args.workers} workers x 2 threads; "
        f"wrk 2 threads, {args.connections} connections, {args.seconds} s per address.",
        "",
        "| address | path | req/s | ratio to reference | p50 ms | p95 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for label, path, data in rows:
        lines.append(
            f"| {label} | `{path}` | {data['rps']:.0f} | {data['rps'] / reference:.2f} | "
            f"{data['p50_us'] / 1000:.1f} | {data['p95_us'] / 1000:.1f} | "
            f"{data['errors'] + data['non_2xx']} |"
        )
    report = "\n".join(lines) + "\n"
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    name = f"api-{time.strftime('%Y%m%d-%H%M%S')}{'-cached' if args.cached else ''}.md"
    (out / name).write_text(report)
    print()
    print(report)
    print(f"Written to bench/out/{name}")


if __name__ == "__main__":
    main()
