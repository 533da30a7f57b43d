"""Trade import benchmark: `import_trade` against a raw psycopg COPY of the same rows.

    python bench/trade_import.py                      # 1,000,000 and 100,000 rows
    python bench/trade_import.py --rows 200000 --small 20000 --admin-rows 20000
    python bench/trade_import.py --peer-rows 5000 --skip-admin   # quicker

What it does, in one run on this machine (PostgreSQL at 127.0.0.1:5432, user postgres):
1. Creates (or reuses) the database `relations_trade_bench`, migrates it and loads the reference
   countries.
2. Generates realistic trade files as French Excel on Windows saves them: Windows-1252,
   semicolons, no-break spaces between thousands, decimal commas, partners named in French (one
   in five by ISO code), flows "Exportations"/"Importations", 4-digit HS headings with their
   label, and each partner's yearly total. Keys are unique: the files import cleanly.
3. Measures, each in a fresh process (so that peak memory is that process's own):
   - COPY: the file read with Python's csv module and streamed with psycopg's `copy.write_row`
     into a bare table of text columns (no index, no constraint), committed;
   - `manage.py import_trade FILE` on empty trade tables (every row new), and again on the same
     data (every row unchanged);
   - the database's floor: the figures of that import, already parsed and validated, inserted
     again into the emptied trade table with its indexes and foreign-key checks (rolled back);
   - the same at --small rows, for the memory comparison;
   - the peer (django-import-export) on the first --peer-rows figures of that import (20,000 by
     default: it writes about 120 rows a second, 100,000 would take 14 minutes). The comparison
     is in rows per second, so it does not depend on the two sizes being the same; 0 skips it;
   - the admin path at --admin-rows: upload (dry run and preview) then confirm, through Django's
     test client as a publisher, against one command-line pass of the same file (--skip-admin
     leaves it out).
   It prints seconds, rows per second, the ratios, peak memory (max RSS) and the CPU seconds of
   each child process (user + system, from wait4; the database server's own are not in them),
   and writes them to bench/out/trade-import-<time>.md. CPU time is far less sensitive than
   wall time to other load on a shared machine.
"""

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "relations_trade_bench"
FIRST_YEAR = 1990
HEADER = ["Année", "Partenaire", "Flux", "Code SH", "Produit", "Valeur ($ CA)"]
FLOWS = ["Exportations", "Importations"]
CHAPTERS = [
    ("01", "Animaux vivants"),
    ("02", "Viandes et abats comestibles"),
    ("03", "Poissons et crustacés"),
    ("04", "Lait et produits de la laiterie"),
    ("10", "Céréales"),
    ("22", "Boissons, liquides alcooliques et vinaigres"),
    ("26", "Minerais, scories et cendres"),
    ("27", "Combustibles minéraux, huiles minérales"),
    ("28", "Produits chimiques inorganiques"),
    ("30", "Produits pharmaceutiques"),
    ("39", "Matières plastiques et ouvrages en ces matières"),
    ("44", "Bois, charbon de bois et ouvrages en bois"),
    ("47", "Pâtes de bois"),
    ("48", "Papiers et cartons"),
    ("72", "Fonte, fer et acier"),
    ("76", "Aluminium et ouvrages en aluminium"),
    ("84", "Machines et appareils mécaniques"),
    ("85", "Machines, appareils et matériels électriques"),
    ("87", "Voitures automobiles, tracteurs"),
    ("88", "Navigation aérienne ou spatiale"),
    ("90", "Instruments d'optique, de photographie, de mesure"),
]


def environment(database: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
            "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
        }
    )
    return env


def manage(*args, env):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def ensure_database(database: str, env) -> None:
    import psycopg

    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{database}"')
    manage("migrate", "--no-input", env=env)
    manage("load_reference", env=env)


def partners(env) -> list[tuple[str, str]]:
    """(ISO code, French name) of every reference country, as the bench database has them."""
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as connection:
        return connection.execute(
            "SELECT iso_code, name_fr FROM partners_partner WHERE is_reference ORDER BY iso_code"
        ).fetchall()


def french_amount(cents: int) -> str:
    units, fraction = divmod(cents, 100)
    text = f"{units:,}".replace(",", "\u00a0")
    return f"{text},{fraction:02d}" if fraction else text


def encodable(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def generate(path: Path, rows: int, countries, seed: int = 2016) -> None:
    """`rows` rows: yearly totals and products, years from 1990 on, unique keys."""
    rng = random.Random(seed)
    per_key = max(1, -(-rows // (len(countries) * 2 * 36)))  # products per partner/year/flow
    products = [
        (f"{chapter}{heading:02d}", f"{label} (position {chapter}{heading:02d})")
        for chapter, label in CHAPTERS
        for heading in range(1, 60)
    ][: max(per_key - 1, 1)]
    written = 0
    with open(path, "w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        year = FIRST_YEAR
        while written < rows:
            for number, (iso_code, name) in enumerate(countries):
                partner = name if number % 5 and encodable(name) else iso_code
                for flow in FLOWS:
                    total = rng.randrange(10**6, 5 * 10**11)
                    writer.writerow([year, partner, flow, "", "Total", french_amount(total)])
                    written += 1
                    for code, label in products[: per_key - 1]:
                        if written >= rows:
                            break
                        value = rng.randrange(100, total // 10 + 200)
                        writer.writerow([year, partner, flow, code, label, french_amount(value)])
                        written += 1
                    if written >= rows:
                        return
            year += 1


def child(argv: list[str], env) -> dict:
    """Run one measurement in a fresh process; return its JSON line plus its peak memory."""
    started = time.monotonic()
    process = subprocess.Popen(
        [PYTHON, __file__, *argv], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{argv} failed:\n{output}")
    result = json.loads(output.strip().splitlines()[-1])
    result["wall_seconds"] = time.monotonic() - started
    result["peak_mib"] = usage.ru_maxrss / 1024
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return result


# --- Children --------------------------------------------------------------------------------


def backend_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) the database's backend process `pid` has used so far: the
    server is on this machine. None where /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_since(pid: int, before: float | None) -> float | None:
    after = backend_cpu(pid)
    return None if before is None or after is None else after - before


def run_reset() -> dict:
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
        connection.execute(
            "TRUNCATE partners_tradefigure, partners_importbatchchange,"
            " partners_importbatch_products_created, partners_importbatch, partners_product,"
            " partners_historicalproduct RESTART IDENTITY CASCADE"
        )
        connection.execute("DROP TABLE IF EXISTS bench_copy_rows")
    return {}


def run_copy(path: str) -> dict:
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
        connection.execute("DROP TABLE IF EXISTS bench_copy_rows")
        connection.execute(
            "CREATE TABLE bench_copy_rows (year text, partner text, flow text, hs_code text,"
            " product text, value text)"
        )
        connection.commit()
        started = time.monotonic()
        rows = 0
        with connection.cursor() as cursor, open(path, encoding="cp1252", newline="") as handle:
            reader = csv.reader(handle, delimiter=";")
            next(reader)
            with cursor.copy(
                "COPY bench_copy_rows (year, partner, flow, hs_code, product, value) FROM STDIN"
            ) as copy:
                for row in reader:
                    copy.write_row(row)
                    rows += 1
        connection.commit()
        seconds = time.monotonic() - started
        connection.execute("DROP TABLE bench_copy_rows")
        connection.commit()
    return {"rows": rows, "seconds": seconds}


def run_floor() -> dict:
    """What the database alone needs to write the figures the last import created: the same
    rows, already parsed and validated, inserted into a copy of the trade table with its
    indexes, checks and foreign keys, and committed. No import can be faster than this."""
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
        connection.execute("SET work_mem = '128MB'")
        connection.execute("DROP TABLE IF EXISTS bench_floor_figures")
        connection.execute(
            "CREATE TEMP TABLE floor_rows AS SELECT partner_id, year, flow, product_id, value_cad,"
            " import_batch_id FROM partners_tradefigure"
        )
        connection.execute(
            "CREATE TABLE bench_floor_figures (LIKE partners_tradefigure INCLUDING ALL)"
        )
        # The trade table's own foreign keys, as the database has them (Django's are checked
        # at commit; the batch's column has none: db_constraint=False). LIKE copies the rest.
        for (definition,) in connection.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = 'partners_tradefigure'::regclass AND contype = 'f' ORDER BY conname"
        ).fetchall():
            connection.execute(f"ALTER TABLE bench_floor_figures ADD {definition}")
        connection.commit()
        pid = connection.info.backend_pid
        server = backend_cpu(pid)
        started = time.monotonic()
        rows = connection.execute(
            "INSERT INTO bench_floor_figures"
            " (partner_id, year, flow, product_id, value_cad, import_batch_id)"
            " SELECT * FROM floor_rows ORDER BY partner_id, year, flow, product_id"
        ).rowcount
        inserted = time.monotonic()
        connection.commit()  # the deferred foreign-key checks run here
        committed = time.monotonic()
        server = cpu_since(pid, server)
        connection.execute("DROP TABLE bench_floor_figures")
        connection.commit()
    return {
        "rows": rows,
        "seconds": committed - started,
        "insert_seconds": inserted - started,
        "check_seconds": committed - inserted,
        "server_cpu_seconds": server,
    }


def run_peer(limit: str) -> dict:
    """django-import-export's own import of the first `limit` figures the last import created
    (in the order it created them), as the peer:
    a ModelResource in its bulk mode, `ForeignKeyWidget`s on the partner's ISO code and the
    product's HS code, no diff, new instances without a look-up (its fastest settings for new
    rows). The figures are written to a CSV of ISO code, year, flow, HS code and value, all
    deleted, then those imported again; only the import is timed."""
    import django

    django.setup()
    import tablib
    from django.db import connection
    from import_export import fields, resources
    from import_export.widgets import ForeignKeyWidget

    from partners.models import Partner, Product, TradeFigure

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.iso_code, f.year, f.flow, coalesce(pr.hs_code, ''), f.value_cad"
            " FROM partners_tradefigure f JOIN partners_partner p ON p.id = f.partner_id"
            " LEFT JOIN partners_product pr ON pr.id = f.product_id ORDER BY f.id LIMIT %s",
            [int(limit)],
        )
        rows = cursor.fetchall()
        cursor.execute("TRUNCATE partners_tradefigure, partners_importbatchchange")
    dataset = tablib.Dataset(headers=["partner", "year", "flow", "hs_code", "value_cad"])
    for row in rows:
        dataset.append([row[0], row[1], row[2], row[3], str(row[4])])

    class TradeFigureResource(resources.ModelResource):
        partner = fields.Field(
            attribute="partner", column_name="partner", widget=ForeignKeyWidget(Partner, "iso_code")
        )
        product = fields.Field(
            attribute="product", column_name="hs_code", widget=ForeignKeyWidget(Product, "hs_code")
        )

        class Meta:
            model = TradeFigure
            fields = ("partner", "year", "flow", "product", "value_cad")
            import_id_fields = ()
            use_bulk = True
            batch_size = 1000
            skip_diff = True
            force_init_instance = True

    started = time.monotonic()
    cpu = time.process_time()
    result = TradeFigureResource().import_data(dataset, dry_run=False, use_transactions=True)
    seconds = time.monotonic() - started
    cpu = time.process_time() - cpu
    if result.has_errors() or result.has_validation_errors():
        raise SystemExit("the peer's import failed")
    return {"rows": TradeFigure.objects.count(), "seconds": seconds, "import_cpu_seconds": cpu}


def run_rollback() -> dict:
    """Roll back the last import (every figure it created deleted)."""
    import django

    django.setup()
    from partners.models import ImportBatch
    from partners.trade.importing import rollback_batch

    batch = ImportBatch.objects.filter(rolled_back_at__isnull=True, created_count__gt=0).latest(
        "pk"
    )
    started, cpu = time.monotonic(), time.process_time()
    result = rollback_batch(batch=batch)
    return {
        "rows": result.deleted,
        "seconds": time.monotonic() - started,
        "import_cpu_seconds": time.process_time() - cpu,
    }


def run_command(path: str) -> dict:
    import django

    django.setup()
    from django.db import connection

    from partners.trade.importing import import_trade_file

    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    server = backend_cpu(pid)
    cpu = time.process_time()
    result = import_trade_file(path=path)
    cpu = time.process_time() - cpu
    server = cpu_since(pid, server)
    if not result.ok:
        raise SystemExit("\n".join(str(issue) for issue in result.errors[:20]))
    return {
        "rows": result.rows,
        "seconds": result.seconds,
        "import_cpu_seconds": cpu,
        "server_cpu_seconds": server,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


def run_admin(path: str) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.urls import reverse

    from partners.models import ImportBatch

    user, _created = get_user_model().objects.get_or_create(
        username="bench-publisher", defaults={"is_staff": True}
    )
    user.groups.add(Group.objects.get(name="Publisher"))
    client = Client()
    client.force_login(user)
    started = time.monotonic()
    with open(path, "rb") as handle:
        preview = client.post(reverse("admin:partners_tradefigure_import"), {"file": handle})
    previewed = time.monotonic()
    found = re.search(r'name="token" value="([0-9a-f]+)"', preview.content.decode())
    token = found[1] if found else ""
    if preview.status_code != 200 or not token:
        raise SystemExit(f"preview failed: {preview.status_code}")
    confirmed = client.post(reverse("admin:partners_tradefigure_import_confirm"), {"token": token})
    done = time.monotonic()
    if confirmed.status_code != 302:
        raise SystemExit(f"confirm failed: {confirmed.status_code}")
    batch = ImportBatch.objects.latest("pk")
    return {
        "rows": batch.rows,
        "created": batch.created_count,
        "seconds": done - started,
        "preview_seconds": previewed - started,
        "confirm_seconds": done - previewed,
    }


# --- Parent ----------------------------------------------------------------------------------


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "child":
        sys.path.insert(0, str(ROOT))
        kind, *args = sys.argv[2:]
        result = {
            "reset": run_reset,
            "copy": run_copy,
            "floor": run_floor,
            "command": run_command,
            "admin": run_admin,
            "peer": run_peer,
            "rollback": run_rollback,
        }[kind](*args)
        print(json.dumps(result))
        return

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--admin-rows", type=int, default=100_000)
    parser.add_argument(
        "--rollback-rows",
        type=int,
        help="roll back an import of this many rows (default --rows; one of --rows or --small)",
    )
    parser.add_argument(
        "--peer-rows",
        type=int,
        default=20_000,
        help="rows for the peer, django-import-export (default 20,000; at most --small; 0: skip)",
    )
    parser.add_argument("--skip-admin", action="store_true", help="leave out the admin run")
    parser.add_argument("--database", default=DATABASE)
    args = parser.parse_args()
    args.peer_rows = min(args.peer_rows, args.small)
    env = environment(args.database)
    started_load = load_average()
    print(f"Database {args.database}: migrating, loading reference countries…", flush=True)
    ensure_database(args.database, env)
    countries = partners(env)
    lines = []

    def say(text=""):
        print(text, flush=True)
        lines.append(text)

    with tempfile.TemporaryDirectory(prefix="trade-bench-") as folder:
        files = {}
        sizes = {args.rows, args.small} | ({args.admin_rows} if not args.skip_admin else set())
        for rows in sorted(sizes):
            files[rows] = Path(folder) / f"trade-{rows}.csv"
            generate(files[rows], rows, countries)
            size = files[rows].stat().st_size / 2**20
            print(f"Generated {rows:,} rows ({size:.1f} MiB).", flush=True)

        def measure(kind, rows, reset=True):
            if reset:
                child(["child", "reset"], env)
            return child(["child", kind, str(files[rows])], env)

        rollback_rows = args.rollback_rows or args.rows
        copy_big = measure("copy", args.rows)
        import_big = measure("command", args.rows)
        floor = child(["child", "floor"], env)
        again_big = measure("command", args.rows, reset=False)
        if rollback_rows == args.rows:
            rollback = child(["child", "rollback"], env)
        copy_small = measure("copy", args.small)
        import_small = measure("command", args.small)
        floor_small = child(["child", "floor"], env)
        if rollback_rows != args.rows:
            rollback = child(["child", "rollback"], env)
            measure("command", args.small)
        peer = child(["child", "peer", str(args.peer_rows)], env) if args.peer_rows else None
        if not args.skip_admin:
            command_admin = measure("command", args.admin_rows)
            admin = measure("admin", args.admin_rows)
        child(["child", "reset"], env)

    say(f"# Trade import benchmark, {datetime.now().astimezone():%Y-%m-%d %H:%M}")
    say()
    say(
        f"Machine: {os.cpu_count()} cores, {memory_gib():.0f} GiB; PostgreSQL at 127.0.0.1;"
        f" load average at the start {started_load}, at the end {load_average()}."
    )
    say()
    say(
        "| run | rows | seconds | rows/s | CPU s (timed part) | CPU s (process) |"
        " database CPU s | peak memory |"
    )
    say("|---|---:|---:|---:|---:|---:|---:|---:|")
    runs = [
        ("COPY (csv + psycopg write_row, bare table)", copy_big),
        ("import_trade, all new", import_big),
        ("import_trade, same file again (all unchanged)", again_big),
        ("the database's floor", floor),
        ("COPY", copy_small),
        ("import_trade, all new", import_small),
        ("the database's floor", floor_small),
        ("peer: django-import-export, bulk, ForeignKeyWidget", peer),
        ("rollback of the import (all its figures deleted)", rollback),
    ]
    if not args.skip_admin:
        runs += [
            ("import_trade (for the admin comparison)", command_admin),
            ("admin: upload + preview + confirm", admin),
        ]
    for label, result in runs:
        if result is None:
            continue
        timed, server = result.get("import_cpu_seconds"), result.get("server_cpu_seconds")
        say(
            f"| {label} | {result['rows']:,} | {result['seconds']:.2f} | "
            f"{result['rows'] / result['seconds']:,.0f} | "
            f"{'' if timed is None else f'{timed:.2f}'} | {result['cpu_seconds']:.2f} | "
            f"{'' if server is None else f'{server:.2f}'} | {result['peak_mib']:.0f} MiB |"
        )
    say()
    ratio_big = import_big["seconds"] / copy_big["seconds"]
    say(
        f"- the database alone, writing the same {floor['rows']:,} figures already parsed and "
        f"validated: {floor['seconds']:.2f} s (insert with the indexes "
        f"{floor['insert_seconds']:.2f} s, foreign-key checks {floor['check_seconds']:.2f} s), "
        f"{floor['seconds'] / copy_big['seconds']:.2f}x COPY: no import can go below this"
    )
    say(
        f"- import / floor at {args.rows:,} rows: {import_big['seconds'] / floor['seconds']:.2f}x "
        f"(the whole command, process start included: "
        f"{import_big['wall_seconds'] / floor['seconds']:.2f}x; target at most 1.25x); at "
        f"{args.small:,} rows: {import_small['seconds'] / floor_small['seconds']:.2f}x "
        f"(floor {floor_small['seconds']:.2f} s)"
    )
    if peer is not None:
        say(
            f"- import at {args.small:,} rows / peer at {peer['rows']:,} rows, rows per second: "
            f"{(import_small['rows'] / import_small['seconds']) / (peer['rows'] / peer['seconds']):.1f}x"
            " (target at least 10x)"
        )
    say(
        f"- rollback of {rollback['rows']:,} figures / the floor at that size: "
        f"{rollback['seconds'] / (floor if rollback_rows == args.rows else floor_small)['seconds']:.2f}x"
        " (target at most 2x)"
    )
    ratio_memory = import_big["peak_mib"] / import_small["peak_mib"]
    say(
        f"- import / COPY at {args.rows:,} rows: {ratio_big:.2f}x (target at most 3x; "
        f"process wall times {import_big['wall_seconds']:.1f} s / {copy_big['wall_seconds']:.1f} s)"
    )
    say(
        f"- peak memory at {args.rows:,} / at {args.small:,} rows: {ratio_memory:.2f} "
        f"({import_big['peak_mib']:.0f} / {import_small['peak_mib']:.0f} MiB; target within 20%)"
    )
    if import_big.get("server_cpu_seconds") is not None and floor["server_cpu_seconds"]:
        spent = import_big["import_cpu_seconds"] + import_big["server_cpu_seconds"]
        say(
            f"- CPU seconds at {args.rows:,} rows, import (Python {import_big['import_cpu_seconds']:.2f}"
            f" + database {import_big['server_cpu_seconds']:.2f}) / floor (database"
            f" {floor['server_cpu_seconds']:.2f}): {spent / floor['server_cpu_seconds']:.2f}x"
            " (less sensitive than wall time to other load on the machine)"
        )
    say(
        f"- CPU seconds of the import process at {args.rows:,} rows: "
        f"{import_big['cpu_seconds']:.2f} ({import_big['import_cpu_seconds']:.2f} in the import"
        f" itself); at {args.small:,}: {import_small['cpu_seconds']:.2f}"
        f" ({import_small['import_cpu_seconds']:.2f})"
    )
    if not args.skip_admin:
        ratio_admin = admin["seconds"] / command_admin["seconds"]
        say(
            f"- admin (preview {admin['preview_seconds']:.2f} s + confirm "
            f"{admin['confirm_seconds']:.2f} s) / one command-line pass at {args.admin_rows:,}"
            f" rows: {ratio_admin:.2f}x (target at most 2.2x)"
        )
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    report = out / f"trade-import-{datetime.now().astimezone():%Y%m%d-%H%M%S}.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nWritten to {report.relative_to(ROOT)}")


def load_average() -> str:
    return " ".join(f"{load:.1f}" for load in os.getloadavg())


def memory_gib() -> float:
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    return 0.0


if __name__ == "__main__":
    main()
