"""Realistic traffic: a weighted mix of thousands of public addresses, with staff at work.

    python bench/mix.py --database h8 --skip-setup     # or: make bench-mix
    python bench/mix.py --seconds 60 --connections 8

One run, on this machine, with the production settings under gunicorn (bench/load.py's server,
database and data), the anonymous page cache on a Redis server of its own (started on a free
port with the documented memory policy: `maxmemory` and `allkeys-lru`), and:

1. The one-query reference view (`/bench/reference/`) alone, with wrk, for --seconds, driven by
   the mix's own wrk script (an address from a list, each answer's `X-Page-Cache` read), so that
   the client's work, on the same cores, weighs on the reference as on the mix; and once more
   with wrk's plain script, as the figures before 2026-12-02 19:30 were measured.
2. A warm-up that asks for every address of the mix once, the most visited first, with
   --connections clients (at most --warm seconds): the cache of a site that has served this
   traffic for longer than PAGE_CACHE_SECONDS, where every address of the mix has been asked for
   since its versions last moved. Then the mix, measured for --seconds: addresses drawn like real visits (most on the home page and
   the lists' first pages, a few popular dossiers and recent records; a long tail of records by a
   Zipf law, filter combinations, pages 2+, sorts, both languages, search terms and feeds), a few
   thousand distinct ones, in a fixed pseudo-random order (the same at every run).
   At the same time a staff process edits a published agreement or mission through the models'
   save (what the admin does) or unpublishes and republishes one through the publishing
   services (`partners.publishing.services.move`), every --edit-every seconds, so that the page
   cache's invalidation runs as in production.
3. Prints throughput, p50/p95/p99, errors, the ratio to the reference, the cache hit rate
   (from each response's `X-Page-Cache`), the number of staff edits and their own latency, and
   Redis's memory, and an estimate of what the warm-up leaves out: the share of requests that, at
   the measured throughput, would ask for an address nobody asked for in the last
   PAGE_CACHE_SECONDS (a first visit of the long tail, a miss on a real site). Written to
   bench/out/mix-<time>.md as well.
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load  # bench/load.py: database, data, gunicorn, wrk

ROOT = load.ROOT
PYTHON = load.PYTHON

# Every request's X-Page-Cache counted per thread, then added up in done().
MIX_SCRIPT = """
local threads = {}
local counter = 1
setup = function(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
init = function(args)
  paths = {}
  for line in io.lines("__PATHS__") do table.insert(paths, line) end
  counter = (id * 7919 + tonumber(args[1] or "0")) % #paths + 1
  hits, checked, misses, uncached = 0, 0, 0, 0
end
request = function()
  local path = paths[counter]
  counter = counter % #paths + 1
  return wrk.format("GET", path)
end
response = function(status, headers, body)
  local state = headers["X-Page-Cache"]
  if state == "hit" then hits = hits + 1
  elseif state == "checked" then checked = checked + 1
  elseif state == "miss" then misses = misses + 1
  else uncached = uncached + 1 end
end
done = function(summary, latency, requests)
  local h, c, m, u = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits"); c = c + thread:get("checked"); m = m + thread:get("misses")
    u = u + thread:get("uncached")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "errors": %d, "timeouts": %d, "non_2xx": %d, '
    .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "hits": %d, "checked": %d, "misses": %d, '
    .. '"uncached": %d}\\n',
    summary.requests, summary.duration, errors, summary.errors.timeout, summary.errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), h, c, m, u))
end
"""

# The addresses, from the site's own URL names and data (run in `manage.py shell`).
ADDRESSES = r"""
import json, random
from django.urls import reverse
from django.utils import translation
from agreements.models import Agreement, AgreementStatus, AgreementKind
from agreements.selectors import SORTS
from missions.models import Mission
from partners.models import Partner, Sector, WorldRegion

rng = random.Random(15)
# Each record's slug in each language: {"fr": slug, "en": slug}.
def slugs(queryset):
    return [{"fr": fr, "en": en or fr} for fr, en in queryset.values_list("slug_fr", "slug_en")]
agreements = slugs(Agreement.objects.published().order_by("-signed_on", "pk"))
missions = slugs(Mission.objects.published().order_by("-start_date", "pk"))
partners = list(Partner.objects.published().order_by("pk").values_list("slug", flat=True))
sectors = slugs(Sector.objects.all())
words = ["sante", "eau", "culture", "education", "energie", "recherche", "commerce", "climat",
         "agriculture", "jeunesse", "innovation", "transport", "numerique", "francophonie"]
# A few partners are most of the visits (the big ones), then a long tail.
popular = [slug for slug in ["cn", "us", "fr", "mx", "jp", "de", "gb", "in", "br", "be"] if slug in partners]
others = [slug for slug in partners if slug not in popular]
rng.shuffle(others)
partners_by_rank = popular + others

entries = []  # (weight, path)
kinds = {}  # path: what page it is, for the misses by kind
def add(weight, path, kind):
    entries.append((weight, path))
    kinds[path] = kind

for language in ("fr", "en"):
    share = 0.75 if language == "fr" else 0.25
    with translation.override(language):
        add(300 * share, reverse("home"), "home")
        for name in ("agreements:list", "missions:list", "partners:list"):
            base = reverse(name)
            add(60 * share, base, name)
            for page in range(2, 40):
                add(20 * share / page ** 1.3, f"{base}?page={page}", name + ", page 2+")
        base = reverse("agreements:list")
        for sort in SORTS:
            add(3 * share, f"{base}?sort={sort}", "agreements:list, other filters")
        for status in AgreementStatus.values:
            add(4 * share, f"{base}?status={status}", "agreements:list, other filters")
            for kind in AgreementKind.values:
                add(0.5 * share, f"{base}?status={status}&kind={kind}", "agreements:list, other filters")
        for rank, slug in enumerate(partners_by_rank[:120]):
            weight = 8 * share / (rank + 1) ** 0.9
            add(weight, f"{base}?partner={slug}", "agreements:list, by partner")
            add(weight / 3, f"{base}?partner={slug}&status=in_force", "agreements:list, by partner")
            add(weight / 4, reverse("missions:list") + f"?partner={slug}", "missions:list, by partner")
            add(weight / 2, reverse("trade:explorer") + f"?partner={slug}", "trade:explorer")
            add(weight * 3, reverse("partners:detail", kwargs={"slug": slug}), "partners:detail")
        for slug in (sector[language] for sector in sectors):
            add(1 * share, f"{base}?sector={slug}", "agreements:list, other filters")
            add(0.5 * share, reverse("missions:list") + f"?sector={slug}", "missions:list, other filters")
        for year in range(2000, 2027):
            add(0.4 * share, f"{base}?year_from={year}", "agreements:list, other filters")
            add(0.3 * share, reverse("missions:list") + f"?year={year}", "missions:list, other filters")
        for region in WorldRegion.values:
            add(2 * share, reverse("partners:list") + f"?region={region}", "partners:list")
        # Records by popularity: the recent ones first, then a long tail (Zipf).
        for rank, slug in enumerate(agreement[language] for agreement in agreements[:3000]):
            add(40 * share / (rank + 1) ** 0.8, reverse("agreements:detail", kwargs={"slug": slug}), "agreements:detail")
        for rank, slug in enumerate(mission[language] for mission in missions[:1000]):
            add(15 * share / (rank + 1) ** 0.8, reverse("missions:detail", kwargs={"slug": slug}), "missions:detail")
        for rank, word in enumerate(words):
            add(6 * share / (rank + 1), reverse("search") + f"?q={word}", "search")
            add(1 * share / (rank + 1), reverse("search") + f"?q={word}&page=2", "search")
        add(10 * share, reverse("agreements:feed"), "feeds")
        add(5 * share, reverse("missions:feed"), "feeds")
        add(3 * share, reverse("trade:explorer"), "trade:explorer")
add(2, "/sitemap.xml", "sitemap")

weights = [w for w, _ in entries]
paths = [p for _, p in entries]
sequence = rng.choices(paths, weights=weights, k=__REQUESTS__)
totals = {}
for weight, path in entries:
    totals[path] = totals.get(path, 0) + weight
popular = sorted(totals, key=lambda path: -totals[path])
total_weight = sum(totals.values())
shares = [totals[path] / total_weight for path in popular]
print("MIX " + json.dumps({"distinct": len(set(paths)), "sequence": sequence, "popular": popular, "shares": shares, "kinds": kinds,
      "agreements": [a["fr"] for a in agreements[:3000]], "missions": [m["fr"] for m in missions[:1000]]}))
"""

# The staff at work: one change every --edit-every seconds, through the models and services.
STAFF = r"""
import json, random, sys, time
from django.contrib.auth import get_user_model
from django.db import transaction
from agreements.models import Agreement
from missions.models import Mission
from partners.publishing import services
from partners.publishing.models import PublicationStatus as S

rng = random.Random(16)
user, _ = get_user_model().objects.get_or_create(username="bench-publisher", defaults={"is_superuser": True, "is_staff": True})
agreements = json.loads(sys.argv[1]) if len(sys.argv) > 1 else []
every, seconds = __EVERY__, __SECONDS__
deadline = time.monotonic() + seconds
done, failed, latencies = 0, 0, []
step = 0
while time.monotonic() < deadline:
    started = time.monotonic()
    try:
        with transaction.atomic():
            if step % 3 == 2:
                # Unpublish a recent agreement and publish it again (two workflow steps).
                record = Agreement.objects.published().order_by("-signed_on")[rng.randrange(50)]
                services.move(record=record, to_status=S.UNPUBLISHED, user=user, note="bench")
                services.move(record=record, to_status=S.PUBLISHED, user=user)
            else:
                model = Agreement if step % 3 == 0 else Mission
                queryset = model.objects.published().order_by("pk")
                record = queryset[rng.randrange(min(2000, queryset.count()))]
                record.summary_fr = (record.summary_fr or "")[:500] + " ·"
                record.summary_en = (record.summary_en or "")[:500] + " ·"
                record._change_reason = "bench edit"
                record.save()
        done += 1
    except Exception as error:  # counted and printed: the benchmark goes on
        failed += 1
        print("STAFF-ERROR", type(error).__name__, error, file=sys.stderr)
    latencies.append(time.monotonic() - started)
    step += 1
    time.sleep(max(0.0, every - (time.monotonic() - started)))
latencies.sort()
print("STAFF " + json.dumps({"done": done, "failed": failed,
      "p50_ms": 1000 * latencies[len(latencies) // 2] if latencies else 0,
      "max_ms": 1000 * latencies[-1] if latencies else 0}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(directory: str) -> tuple[subprocess.Popen, int]:
    """Redis as docs/deployment.md sets it up: a memory limit, LRU eviction, no persistence."""
    port = free_port()
    process = subprocess.Popen(
        [
            shutil.which("redis-server"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            directory,
            "--save",
            "",
            "--appendonly",
            "no",
            "--maxmemory",
            "512mb",
            "--maxmemory-policy",
            "allkeys-lru",
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        if subprocess.run(
            ["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True
        ).stdout.startswith("PONG"):
            return process, port
        time.sleep(0.05)
    process.terminate()
    raise SystemExit("redis-server did not start")


def redis_memory(port: int) -> str:
    info = subprocess.run(
        ["redis-cli", "-p", str(port), "info", "memory"], capture_output=True, text=True
    ).stdout
    used = next(line for line in info.splitlines() if line.startswith("used_memory_human:"))
    keys = subprocess.run(
        ["redis-cli", "-p", str(port), "dbsize"], capture_output=True, text=True
    ).stdout.strip()
    return f"{used.split(':', 1)[1].strip()} in {keys} keys"


def shell(env, script, *args, tag):
    output = subprocess.run(
        [PYTHON, "-c", SHELL_BOOT, script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith(tag + " "))
    return json.loads(line[len(tag) + 1 :])


SHELL_BOOT = (
    "import sys, django; django.setup(); code = sys.argv[1]; sys.argv = sys.argv[1:]; exec(code)"
)


def wrk(url, seconds, connections, script_path, *script_args):
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
            url,
            *(["--", *script_args] if script_args else []),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in result.splitlines() if line.startswith("RESULT "))
    data = json.loads(line[len("RESULT ") :])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    return data


def warm_up(paths: list[str], connections: int, seconds: float) -> dict:
    """Ask for each address once, in order, with `connections` clients; stop at `seconds`."""
    host, port = load.BASE.removeprefix("http://").split(":")
    pending = iter(paths)
    lock = threading.Lock()
    built = []
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        done = 0
        while time.monotonic() < deadline:
            with lock:
                path = next(pending, None)
            if path is None:
                break
            connection.request("GET", path)
            connection.getresponse().read()
            done += 1
        connection.close()
        with lock:
            built.append(done)

    started = time.monotonic()
    clients = [threading.Thread(target=client) for _ in range(connections)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    return {"requests": sum(built), "seconds": time.monotonic() - started}


def first_visits(shares: list[float], requests: float) -> float:
    """The share of requests for an address not asked for in the `requests` before: on a site
    under this traffic, the misses of the long tail whose entries expired unvisited."""
    return sum(share * (1 - share) ** requests for share in shares)


def normalized(address: str) -> str:
    """An address with its parameters sorted: the page cache sorts a request's parameters in the
    request itself (config/cache.py), so gunicorn logs `?kind=…&status=…` for `?status=…&kind=…`."""
    path, _, query = address.partition("?")
    return path + ("?" + "&".join(sorted(query.split("&"))) if query else "")


def served_by_kind(lines, kinds: dict) -> dict:
    """Requests, hits, checked hits and misses of the measured run by page kind, from
    gunicorn's access log."""
    kinds = {normalized(address): kind for address, kind in kinds.items()}
    counts = {}
    for line in lines:
        status, state, address = [*line.split(" ", 2), "", ""][:3]
        address = normalized(address.strip().removesuffix("?"))
        kind = kinds.get(address, f"other (status {status})" if status != "200" else "other")
        count = counts.setdefault(kind, {"requests": 0, "hits": 0, "checked": 0, "misses": 0})
        count["requests"] += 1
        if state in ("hit", "checked", "miss"):
            count[{"hit": "hits", "checked": "checked", "miss": "misses"}[state]] += 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="relations_bench")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--edit-every", type=float, default=3.0)
    parser.add_argument(
        "--warm",
        type=int,
        default=600,
        help="at most this many seconds for the warm-up (each address of the mix once)",
    )
    parser.add_argument("--requests", type=int, default=60_000, help="length of the mix's sequence")
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--missions", type=int, default=2_000)
    parser.add_argument("--trade-rows", type=int, default=1_000_000)
    parser.add_argument("--skip-setup", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None or shutil.which("redis-server") is None:
        raise SystemExit("wrk and redis-server are needed: apt-get install wrk redis-server")

    env = load.environment(args.database, cached=True)
    if not args.skip_setup:
        load.set_up(env, args.database, args.agreements, args.missions, args.trade_rows)
    workdir = tempfile.mkdtemp(prefix="bench-mix-")
    redis, redis_port = start_redis(workdir)
    env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    try:
        mix = shell(env, ADDRESSES.replace("__REQUESTS__", str(args.requests)), tag="MIX")
        paths_file = Path(workdir) / "paths.txt"
        paths_file.write_text("\n".join(mix["sequence"]) + "\n")
        mix_script = Path(workdir) / "mix.lua"
        mix_script.write_text(MIX_SCRIPT.replace("__PATHS__", str(paths_file)))
        # The reference is driven by the same client script (an address from a list, each
        # answer's headers read), so that wrk's own work, on the same cores, weighs on both.
        reference_paths = Path(workdir) / "reference.txt"
        reference_paths.write_text("/bench/reference/\n")
        reference_script = Path(workdir) / "reference.lua"
        reference_script.write_text(MIX_SCRIPT.replace("__PATHS__", str(reference_paths)))
        plain_script = Path(workdir) / "plain.lua"
        plain_script.write_text(load.WRK_SCRIPT)

        access_log = Path(workdir) / "access.log"
        server = load.serve(env, args.workers, access_log)
        try:
            # Warm the workers (templates, connection pool), then the reference alone.
            wrk(load.BASE + "/bench/reference/", 2, 2, plain_script)
            reference = wrk(
                load.BASE + "/bench/reference/", args.seconds, args.connections, reference_script
            )
            plain = wrk(
                load.BASE + "/bench/reference/", args.seconds, args.connections, plain_script
            )
            subprocess.run(["redis-cli", "-p", str(redis_port), "flushall"], capture_output=True)
            warm = warm_up(mix["popular"], args.connections, args.warm)
            staff = subprocess.Popen(
                [
                    PYTHON,
                    "-c",
                    SHELL_BOOT,
                    STAFF.replace("__EVERY__", str(args.edit_every)).replace(
                        "__SECONDS__", str(args.seconds)
                    ),
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
            )
            # From the middle of the sequence, as at any moment of a day of such traffic.
            offset = str(args.requests // 2)
            logged = access_log.stat().st_size
            data = wrk(load.BASE + "/", args.seconds, args.connections, mix_script, offset)
            staff_out, _ = staff.communicate(timeout=args.seconds + 60)
            memory = redis_memory(redis_port)
            time.sleep(1)  # gunicorn's last access lines
            with access_log.open() as log:
                log.seek(logged)
                by_kind = served_by_kind(log, mix["kinds"])
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    finally:
        redis.terminate()
        redis.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
    staff_line = next(line for line in staff_out.splitlines() if line.startswith("STAFF "))
    edits = json.loads(staff_line[len("STAFF ") :])

    served = data["hits"] + data["checked"] + data["misses"] + data["uncached"]
    ttl = int(env["PAGE_CACHE_SECONDS"])
    lines = [
        f"# Traffic mix, {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"Machine: {os.cpu_count()} cores, load average before the run "
        f"{os.getloadavg()[0]:.1f}; gunicorn {args.workers} workers x 2 threads; wrk 2 threads, "
        f"{args.connections} connections, {args.seconds} s each; database `{args.database}`.",
        f"Mix: {mix['distinct']} distinct addresses, a sequence of {len(mix['sequence'])}; "
        f"staff: one change every {args.edit_every:g} s. The warm-up asked for "
        f"{warm['requests']} of them, the most visited first, in {warm['seconds']:.0f} s.",
        "",
        "| run | req/s | ratio to reference | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, row in (
        ("reference (one query)", reference),
        ("reference, wrk without the mix's script (as before 2026-12-02 19:30)", plain),
        ("mix, staff at work", data),
    ):
        lines.append(
            f"| {label} | {row['rps']:.0f} | {row['rps'] / reference['rps']:.2f} | "
            f"{row['p50_us'] / 1000:.1f} | {row['p95_us'] / 1000:.1f} | "
            f"{row['p99_us'] / 1000:.1f} | {row['errors'] + row['non_2xx']} |"
        )
    lines += [
        "",
        f"Errors: {data['timeouts']} of wrk's timeouts (no answer within 5 s), "
        f"{data['errors'] - data['timeouts']} connection errors, {data['non_2xx']} answers "
        "other than 2xx or 3xx.",
        f"Cache: {data['hits']} hits, {data['checked']} found by what the page shows (`checked`: "
        f"two small queries), {data['misses']} misses, {data['uncached']} not cacheable (hit "
        f"rate {data['hits'] / max(served, 1):.1%}, with the checked "
        f"{(data['hits'] + data['checked']) / max(served, 1):.1%}); Redis at the end: {memory}.",
        f"Long tail: at {data['rps']:.0f} req/s, {first_visits(mix['shares'], data['rps'] * ttl):.1%}"
        f" of requests would ask for an address not asked for in the last {ttl} s "
        "(PAGE_CACHE_SECONDS): misses on a site under this traffic that the measured run, after "
        "its warm-up, does not have.",
        f"Staff: {edits['done']} changes, {edits['failed']} failed, "
        f"p50 {edits['p50_ms']:.0f} ms, max {edits['max_ms']:.0f} ms.",
        "",
        "By page kind (the measured run, from gunicorn's access log):",
        "",
        "| page kind | requests | share | hits | checked | misses | hit rate (with checked) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    total = sum(count["requests"] for count in by_kind.values()) or 1
    for kind, count in sorted(by_kind.items(), key=lambda item: -item[1]["requests"]):
        lines.append(
            f"| {kind} | {count['requests']} | {count['requests'] / total:.1%} | {count['hits']} | "
            f"{count['checked']} | {count['misses']} | "
            f"{count['hits'] / max(count['requests'], 1):.0%} "
            f"({(count['hits'] + count['checked']) / max(count['requests'], 1):.0%}) |"
        )
    report = "\n".join(lines) + "\n"
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    path = out / f"mix-{time.strftime('%Y%m%d-%H%M%S')}.md"
    path.write_text(report)
    print(report)
    print(f"Written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
