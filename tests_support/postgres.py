"""Tests that need PostgreSQL (and, for some, its client tools): skipped on the embedded SQLite
of a developer's machine, a failure in CI (`CI=true`), where nothing may skip silently."""
import os
import shutil

import pytest
from django.db import connection


def require_postgres(*tools: str) -> None:
    """Go on only on PostgreSQL with every named client tool (e.g. "pg_dump") on the PATH."""
    missing = [tool for tool in tools if not shutil.which(tool)]
    if connection.vendor == "postgresql" and not missing:
        return
    needs = "PostgreSQL (DATABASE_URL=postgres://…)" + "".join(f", {tool}" for tool in missing)
    if os.environ.get("CI") == "true":
        pytest.fail(f"This test needs {needs} and must not be skipped in CI.")
    pytest.skip(f"needs {needs}")
