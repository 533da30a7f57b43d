"""Load benchmark of the public site: gunicorn with the production settings, driven by wrk.

    python bench/load.py                    # set up bench data (once), then measure
    python bench/load.py --skip-setup       # measure again on the same data
    python bench/load.py --cached           # with the anonymous page cache on (Redis)

What it does, in one run on this machine:
1. Creates (or reuses) the PostgreSQL database `relations_bench`, migrates it, loads the reference
   countries and the demo data, and generates data at ministry scale (`generate_data`: 80,000
   agreements and 20,000 missions, so that search runs over 100,000 documents, and a million
   trade rows). Setup is skipped when the data is already there.
2. Serves the site with gunicorn (production settings, psycopg connection pool) on 127.0.0.1.
3. For each page type, and for a bare one-query view as the reference, runs wrk (Debian's
   `wrk` package) from a second process for --seconds at --connections, and prints requests per
   second, p50/p95/p99 latency, errors and the ratio to the reference, all from the same run.
Results are printed and written to bench/out/load-<time>.md.
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
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 18765
BASE = f"http://127.0.0.1:{PORT}"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "errors": %d, "non_2xx": %d, '
    .. '"p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, errors, summary.errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def run(*args, env, check=True, quiet=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=check,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def environment(database: str, cached: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
            "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DB_POOL": "1",
            "DB_POOL_MIN": "4",
            "DB_POOL_MAX": "8",
            "PAGE_CACHE_SECONDS": "600" if cached else "0",
        }
    )
    if cached:
        env["REDIS_URL"] = env.get("REDIS_URL", "redis://127.0.0.1:6379/3")
    return env


def ensure_database(database: str) -> bool:
    """Create the database if needed; True when it already held the benchmark's data."""
    exists = (
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-Atc",
                f"SELECT 1 FROM pg_database WHERE datname = '{database}'",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        == "1"
    )
    if not exists:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f'CREATE DATABASE "{database}"'],
            check=True,
        )
        return False
    count = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            database,
            "-Atc",
            "SELECT count(*) FROM agreements_agreement WHERE slug LIKE 'gen-%'",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return count.isdigit() and int(count) > 0


def set_up(env, database, agreements, missions, trade_rows):
    populated = ensure_database(database)
    run("migrate", "--no-input", env=env, quiet=True)
    run("collectstatic", "--no-input", env=env, quiet=True)
    if populated:
        print(f"Database {database} already holds generated data: setup skipped.")
        return
    run("load_reference", env=env, quiet=True)
    run("load_demo", env=env, quiet=True)
    started = time.monotonic()
    run(
        "generate_data",
        f"--agreements={agreements}",
        f"--missions={missions}",
        f"--trade-rows={trade_rows}",
        env=env,
    )
    print(f"Data generated in {time.monotonic() - started:.0f} s.")
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qc", "VACUUM ANALYZE"],
        check=True,
    )


def pages(env) -> list[tuple[str, str]]:
    """(label, path) of every public page type, resolved by the site's own URL names."""
    script = """
import json
from django.urls import reverse
from django.utils import translation
from agreements.models import Agreement
from missions.models import Mission
from partners.models import Partner
translation.activate("fr")
agreement = Agreement.objects.published().filter(slug__startswith="gen-").order_by("pk")[100]
mission = Mission.objects.published().filter(slug__startswith="gen-").order_by("pk")[100]
partner = Partner.objects.published().get(iso_code="CN")
china = partner.slug
print("PAGES " + json.dumps([
    ["reference", reverse("bench-reference")],
    ["home", reverse("home")],
    ["partner list", reverse("partners:list")],
    ["partner list, filtered", reverse("partners:list") + "?region=AS"],
    ["partner dossier", reverse("partners:detail", kwargs={"slug": china})],
    ["agreement list", reverse("agreements:list")],
    ["agreement list, filtered", reverse("agreements:list") + f"?partner={china}&status=in_force"],
    ["agreement detail", reverse("agreements:detail", kwargs={"slug": agreement.slug})],
    ["mission list", reverse("missions:list")],
    ["mission list, filtered", reverse("missions:list") + f"?partner={china}"],
    ["mission detail", reverse("missions:detail", kwargs={"slug": mission.slug})],
    ["trade explorer", reverse("trade:explorer") + f"?partner={china}"],
    ["search", reverse("search") + "?q=sante"],
    ["agreement feed", reverse("agreements:feed")],
]))
"""
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("PAGES "))
    return [tuple(item) for item in json.loads(line[len("PAGES ") :])]


def in_process(database: str):
    """The page types ((label, path), from `pages`) and a Django test client on `database`,
    cache off, in this process: for bench/cold_cost.py and bench/profile_pages.py."""
    env = environment(database, cached=False)
    env["PAGE_CACHE_SECONDS"] = "0"
    targets = pages(env)
    os.environ.update(env)
    import django

    django.setup()
    from django.test import Client

    return targets, Client(SERVER_NAME="127.0.0.1")


def chosen_pages(targets, page: str | None):
    """The page types named by `page` (a label or a path; a path no type has, as itself)."""
    if not page:
        return targets
    return [t for t in targets if page in (t[0], t[1])] or [(page, page)]


def serve(env, workers, access_log: Path | None = None):
    """gunicorn with the site; `access_log`: each request's status, X-Page-Cache and address."""
    logging = []
    if access_log is not None:
        logging = [
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            "%(s)s %({x-page-cache}o)s %(U)s?%(q)s",
        ]
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            "2",
            "--log-level",
            "warning",
            *logging,
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/bench/reference/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 20 s")


def measure(path, seconds, connections, script_path):
    # Warm the caches of the workers first (template loading, the connection pool).
    subprocess.run(
        ["wrk", "-t1", "-c2", "-d2s", "-s", script_path, BASE + path],
        capture_output=True,
        check=True,
    )
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "-s",
            script_path,
            BASE + path,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in result.splitlines() if line.startswith("RESULT "))
    data = json.loads(line[len("RESULT ") :])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


ROTATE_SCRIPT = (
    """
paths = {__PATHS__}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
"""
    + WRK_SCRIPT
)


def worker_memory(server) -> int:
    """Resident memory of gunicorn's master and workers, in kB (from /proc)."""
    pids = [server.pid]
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    total = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total


def soak(targets, seconds, connections):
    """Every public page in turn, from `connections` clients at once, for `seconds`."""
    paths = ", ".join(json.dumps(path) for label, path in targets if label != "reference")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(ROTATE_SCRIPT.replace("__PATHS__", paths))
    try:
        result = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                BASE + "/",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in result.splitlines() if line.startswith("RESULT "))
    data = json.loads(line[len("RESULT ") :])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


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
        "--soak",
        type=int,
        metavar="SECONDS",
        help="instead of one page at a time: every page in turn from --connections clients",
    )
    parser.add_argument("--page", help="only this page (its label or a path) and the reference")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")

    env = environment(args.database, args.cached)
    if not args.skip_setup:
        set_up(env, args.database, args.agreements, args.missions, args.trade_rows)
    if args.cached:
        subprocess.run(["redis-cli", "-n", "3", "FLUSHDB"], check=False, capture_output=True)
    targets = pages(env)
    if args.page:
        targets = [targets[0], *chosen_pages(targets[1:], args.page)]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    server = serve(env, args.workers)
    if args.soak:
        try:
            for _label, path in targets:  # warm every worker on every page first
                measure(path, 1, 2, script.name)
            before = worker_memory(server)
            data = soak(targets, args.soak, args.connections)
            after = worker_memory(server)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            os.unlink(script.name)
        mode = "cached" if args.cached else "uncached"
        print(
            f"Soak ({mode}): {args.connections} clients, {args.soak} s, every public page in turn: "
            f"{data['requests']} requests, {data['rps']:.1f} req/s, p50 {data['p50_us'] / 1000:.0f} ms, "
            f"p95 {data['p95_us'] / 1000:.0f} ms, p99 {data['p99_us'] / 1000:.0f} ms, "
            f"errors {data['errors']}, non-2xx {data['non_2xx']}; gunicorn memory "
            f"{before / 1024:.0f} MiB before, {after / 1024:.0f} MiB after "
            f"({(after - before) / max(before, 1) * 100:+.1f}%)."
        )
        return
    rows = []
    try:
        for label, path in targets:
            data = measure(path, args.seconds, args.connections, script.name)
            rows.append((label, path, data))
            print(
                f"{label:28} {data['rps']:8.1f} req/s  p50 {data['p50_us'] / 1000:6.1f} ms  "
                f"p95 {data['p95_us'] / 1000:6.1f} ms  p99 {data['p99_us'] / 1000:6.1f} ms  "
                f"errors {data['errors'] + data['non_2xx']}",
                flush=True,
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        os.unlink(script.name)

    reference = rows[0][2]["rps"]
    mode = "cached (anonymous page cache, Redis)" if args.cached else "uncached"
    lines = [
        f"# Load benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {mode}",
        "",
        f"Machine: {os.cpu_count()} cores; gunicorn {args.workers} workers x 2 threads; "
        f"wrk 2 threads, {args.connections} connections, {args.seconds} s per page.",
        "",
        "| page | path | req/s | ratio to reference | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, path, data in rows:
        lines.append(
            f"| {label} | `{path}` | {data['rps']:.0f} | {data['rps'] / reference:.2f} | "
            f"{data['p50_us'] / 1000:.1f} | {data['p95_us'] / 1000:.1f} | "
            f"{data['p99_us'] / 1000:.1f} | {data['errors'] + data['non_2xx']} |"
        )
    report = "\n".join(lines) + "\n"
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    path = out / f"load-{time.strftime('%Y%m%d-%H%M%S')}{'-cached' if args.cached else ''}.md"
    path.write_text(report)
    print()
    print(report)
    print(f"Written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
