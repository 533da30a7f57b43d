"""Back up and restore the site's whole state: the database AND the uploaded files (agreement
documents, everything under MEDIA_ROOT), in one archive readable by its owner only.

The archive is a tar file holding `database.dump` (pg_dump's custom format on PostgreSQL; on
SQLite a copy taken through its online backup API, consistent while the site runs) and `media/`,
the tree of MEDIA_ROOT (the trade import's pending uploads left out: they are minutes old and
tied to sessions). A restore puts both back, then empties the page cache, so that no visitor is
served a page of the replaced content. A file made by the earlier `backup` (a bare database
dump) still restores, database only.
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections

DATABASE = "database.dump"
MEDIA = "media"
SKIPPED_MEDIA = {"trade_imports"}  # partners.trade.admin.UPLOAD_DIR: pending uploads


class BackupError(Exception):
    pass


def _postgres_env(settings_dict) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")]:
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian package postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{command[0]} failed ({result.returncode}).")


def _dump_database(path: Path, using: str) -> None:
    connection = connections[using]
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        _run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={path}", settings_dict["NAME"]],
            _postgres_env(settings_dict),
        )
    elif connection.vendor == "sqlite":
        source = sqlite3.connect(connection.settings_dict["NAME"])
        target = sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        raise BackupError(f"No backup method for {connection.vendor}.")


def _load_database(path: Path, using: str) -> None:
    connection = connections[using]
    connection.close()
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={settings_dict['NAME']}",
                str(path),
            ],
            _postgres_env(settings_dict),
        )
    elif connection.vendor == "sqlite":
        source = sqlite3.connect(path)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        raise BackupError(f"No restore method for {connection.vendor}.")


def _private_file(path: Path):
    """A new file only its owner can read or write, whatever the umask (0600 from the start:
    never readable by others, even for an instant)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an existing file keeps its mode through O_CREAT
    return os.fdopen(descriptor, "wb")


def _media_filter(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
    parts = Path(info.name).parts
    if len(parts) > 1 and parts[1] in SKIPPED_MEDIA:
        return None
    return info


def backup(path: Path, using: str = "default") -> Path:
    """Write the database and MEDIA_ROOT to the archive at `path` (mode 0600)."""
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="backup-") as work:  # 0700
        dump = Path(work) / DATABASE
        _dump_database(dump, using)
        with _private_file(path) as handle, tarfile.open(fileobj=handle, mode="w:gz") as archive:
            archive.add(dump, arcname=DATABASE)
            if media_root.is_dir():
                archive.add(media_root, arcname=MEDIA, filter=_media_filter)
    return path


def restore(path: Path, using: str = "default") -> None:
    """Put back the database and the files of the archive at `path`, then empty the page
    cache."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    if not tarfile.is_tarfile(path):
        # A bare database dump, as `backup` wrote before the files were included.
        _load_database(path, using)
        _empty_page_cache()
        return
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked next to MEDIA_ROOT (same file system), so the files are swapped by renames.
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=media_root.parent) as work:
        try:
            with tarfile.open(path, mode="r:*") as archive:
                if DATABASE not in archive.getnames():
                    raise BackupError(f"{path} is not a backup made by `manage.py backup`.")
                # The "data" filter refuses absolute paths, links out of the folder, devices.
                archive.extractall(work, filter="data")
        except tarfile.TarError as error:
            raise BackupError(f"{path} cannot be restored: {error}") from error
        _load_database(Path(work) / DATABASE, using)
        restored = Path(work) / MEDIA
        restored.mkdir(exist_ok=True)  # a backup of a site without files: none after it
        if media_root.exists():
            media_root.rename(Path(work) / "replaced-media")  # deleted with the folder
        restored.rename(media_root)
    _empty_page_cache()


def _empty_page_cache() -> None:
    """Every cached page was built from the replaced content: move the content version on."""
    from config.cache import bump_content_version

    bump_content_version()
