"""A PostgreSQL server that cannot be used: a wrong password, an unknown host, a server that does not
answer, a database that does not exist, a server too old. Each a clear message naming the server and
what to check, exit 3, no traceback, and the password nowhere: not in the message, not in the log."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

from ruankao_desktop.core.config import log_dir
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.store import database as store_database
from tests.cli.conftest import Run
from tests.engines import ON_POSTGRES, SERVER_URL, database_url

SECRET = "s3cret-Desk-Pass"
needs_server = pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL only: needs the test server")


def with_password(url: str, password: str) -> str:
    parsed = urlparse(url)
    netloc = f"{parsed.username}:{password}@{parsed.hostname}:{parsed.port}"
    return urlunparse(parsed._replace(netloc=netloc))


@pytest.fixture
def logged() -> Iterator[None]:
    yield
    for path in log_dir().glob("*"):
        assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


def refused(run: Run, url: str) -> dict[str, str]:
    code, out, err = run("--lang", "en", "--db", url, "lookup", "张伟", "--json")
    assert code == 3, err
    assert "Traceback" not in err
    payload = json.loads(out)
    assert SECRET not in out + err
    return {"error": payload["error"], "message": payload["message"]}


def test_a_server_that_does_not_answer_names_it_and_says_what_to_check(run: Run, logged: None) -> None:
    url = f"postgresql://desk:{SECRET}@127.0.0.1:1/centre"
    assert refused(run, url) == {
        "error": "db.server_unreachable",
        "message": render("db.server_unreachable", "en", server="127.0.0.1:1"),
    }


def test_an_unknown_host_is_named(run: Run, logged: None) -> None:
    url = f"postgresql://desk:{SECRET}@no-such-host.invalid:5432/centre"
    assert refused(run, url) == {
        "error": "db.server_unknown_host",
        "message": render("db.server_unknown_host", "en", host="no-such-host.invalid"),
    }


@needs_server
def test_a_wrong_password_says_where_a_password_may_come_from(run: Run, logged: None) -> None:
    parsed = urlparse(SERVER_URL)
    answer = refused(run, with_password(SERVER_URL, SECRET))
    server = f"{parsed.hostname}:{parsed.port}"
    assert answer == {
        "error": "db.server_password",
        "message": render("db.server_password", "en", server=server, user=parsed.username),
    }
    assert "PGPASSWORD" in answer["message"] and "~/.pgpass" in answer["message"]


@needs_server
def test_a_database_that_does_not_exist_is_named_and_not_created(run: Run, logged: None) -> None:
    parsed = urlparse(SERVER_URL)
    answer = refused(run, database_url("rk_no_such_database"))
    server = f"{parsed.hostname}:{parsed.port}"
    assert answer == {
        "error": "db.server_no_database",
        "message": render("db.server_no_database", "en", server=server, name="rk_no_such_database"),
    }
    code, _, _ = run("--db", database_url("rk_no_such_database"), "db", "check")
    assert code == 3  # still not there


@needs_server
def test_a_server_older_than_supported_is_refused_before_anything_is_written(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server here is new enough: the oldest supported version is raised above it, so that its real
    version number is read and refused."""
    from tests.engines import create_database, drop_database, query, unique_name

    name = unique_name("old")
    target = create_database(name)
    try:
        monkeypatch.setattr(store_database, "OLDEST_SERVER", 99)
        code, _, err = run("--lang", "en", "--db", target, "db", "init")
        assert code == 3 and "Traceback" not in err
        version = int(query(target, "SHOW server_version_num")[0][0]) // 10000
        parsed = urlparse(SERVER_URL)
        assert err.strip() == render(
            "db.server_too_old",
            "en",
            server=f"{parsed.hostname}:{parsed.port}",
            version=version,
            supported=99,
        )
        tables = query(target, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        assert tables == []
    finally:
        drop_database(name)


@needs_server
def test_the_password_may_come_from_pgpassword(
    run: Run, monkeypatch: pytest.MonkeyPatch, demo_db: str
) -> None:
    parsed = urlparse(demo_db)
    monkeypatch.setenv("PGPASSWORD", parsed.password or "")
    bare = urlunparse(parsed._replace(netloc=f"{parsed.username}@{parsed.hostname}:{parsed.port}"))
    code, out, _ = run("--db", bare, "lookup", "110105199003071239")
    assert code == 0 and "张伟" in out


@needs_server
def test_the_password_may_come_from_pgpass(
    run: Run, monkeypatch: pytest.MonkeyPatch, demo_db: str, tmp_path: Path
) -> None:
    parsed = urlparse(demo_db)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{parsed.hostname}:{parsed.port}:*:{parsed.username}:{parsed.password}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    bare = urlunparse(parsed._replace(netloc=f"{parsed.username}@{parsed.hostname}:{parsed.port}"))
    code, out, _ = run("--db", bare, "lookup", "110105199003071239")
    assert code == 0 and "张伟" in out
