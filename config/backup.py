"""Back up and restore the whole database: pg_dump/pg_restore on PostgreSQL, a file copy on SQLite.

SQLite is copied through its online backup API, so a copy taken while the site runs is consistent.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


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


def backup(path: Path, using: str = "default") -> Path:
    connection = connections[using]
    path.parent.mkdir(parents=True, exist_ok=True)
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
    return path


def restore(path: Path, using: str = "default") -> None:
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
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
