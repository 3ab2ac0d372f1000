"""`db copy-to`: a whole database into an empty one, on either engine, checked table by table; a target
that holds anything is refused untouched. On the PostgreSQL run the copies go SQLite → PostgreSQL →
SQLite; on the SQLite run, file to file."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruankao_desktop.core.messages import render
from ruankao_desktop.core.store.models import ALL_MODELS
from tests.cli.conftest import Run
from tests.damage import sha256
from tests.engines import ON_POSTGRES, Target, query

NewDb = Callable[[str], Target]
_ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def content(target: Target) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, read by a connection of its own, in the same form from either engine."""

    def plain(value: Any) -> Any:
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, memoryview):
            return bytes(value)
        if isinstance(value, str) and _ISO_TIME.match(value):
            return value.replace("T", " ", 1)  # the same time, as SQLite text written either way
        return value if value is None or isinstance(value, (int, str, bytes, float)) else str(value)

    tables: dict[str, list[tuple[Any, ...]]] = {}
    for model in ALL_MODELS:
        name = model._meta.table_name
        rows = query(target, f'SELECT * FROM "{name}"')
        tables[name] = sorted((tuple(plain(v) for v in row) for row in rows), key=repr)
    return tables


def copied(run: Run, source: Target, target: Target) -> dict[str, Any]:
    code, out, err = run("--db", str(source), "db", "copy-to", str(target), "--json")
    assert code == 0, err
    return dict(json.loads(out))


def test_a_round_trip_through_the_other_engine_gives_identical_content(
    demo_db: Target, new_db: NewDb, tmp_path: Path, run: Run
) -> None:
    first = tmp_path / "first.db"
    middle = new_db("middle.db")  # a database on the server on the PostgreSQL run
    last = tmp_path / "last.db"
    chain = [demo_db, first, middle, last]
    for source, target in itertools.pairwise(chain):
        report = copied(run, source, target)
        assert report["ok"] is True
        assert {t["table"] for t in report["tables"]} == {m._meta.table_name for m in ALL_MODELS}
        assert all(t["rows"] == t["copied_rows"] and t["same"] for t in report["tables"])
        assert content(target) == content(source)  # the source's copy event included, on both
        code, out, _ = run("--db", str(target), "audit", "verify", "--json")
        assert code == 0 and json.loads(out)["ok"] is True, out
    assert str(middle).startswith("postgres") == ON_POSTGRES


def test_a_copy_goes_on_taking_new_records(demo_db: Target, new_db: NewDb, run: Run) -> None:
    """Its sequences continue after the copied ids: the next event is recorded, not refused."""
    target = new_db("copy.db")
    copied(run, demo_db, target)
    events = len(query(target, "SELECT id FROM audit_event"))
    code, _, err = run("--db", str(target), "lookup", "张伟")
    assert code == 0, err
    assert len(query(target, "SELECT id FROM audit_event")) == events + 1


def test_a_target_that_holds_anything_is_refused_untouched(demo_db: Target, new_db: NewDb, run: Run) -> None:
    taken = new_db("taken.db")
    assert run("--db", str(taken), "db", "init")[0] == 0
    before, events = sha256(taken), len(query(demo_db, "SELECT id FROM audit_event"))
    code, out, err = run("--lang", "en", "--db", str(demo_db), "db", "copy-to", str(taken))
    assert (code, out) == (3, "")
    assert "Traceback" not in err
    assert err.strip().startswith(render("db.copy_not_empty", "en", target="")[:20])
    assert sha256(taken) == before
    assert len(query(demo_db, "SELECT id FROM audit_event")) == events  # nothing done, nothing recorded


def test_a_database_is_not_copied_onto_itself(demo_db: Target, run: Run) -> None:
    before = sha256(demo_db)
    code, _, err = run("--lang", "en", "--db", str(demo_db), "db", "copy-to", str(demo_db))
    assert code == 3 and "Traceback" not in err
    assert "cannot be copied onto itself" in err
    assert sha256(demo_db) == before
