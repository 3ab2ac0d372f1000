"""`audit verify` from a terminal: exit 0 with the count and the head when the trail is intact, exit 3
naming the first bad event, the missing events or the missing key."""

from __future__ import annotations

import json
from pathlib import Path

from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services import audit_anchor
from tests.cli.conftest import Run
from tests.engines import Target, execute, query, sqlite_only


def _trail(database: Target) -> list[tuple[int, str, str]]:
    return [
        (n, str(at), h) for n, at, h in query(database, "SELECT id, at, hash FROM audit_event ORDER BY id")
    ]


FILE_COPY = sqlite_only("`db backup` and `restore` copy the SQLite file; a server is backed up with pg_dump")


def test_an_intact_trail_exits_0_with_count_and_head(demo_db: Path, run: Run) -> None:
    code, out, err = run("--db", str(demo_db), "--lang", "en", "audit", "verify")
    trail = _trail(demo_db)
    last_id, at, head = trail[-1]
    assert (code, err) == (0, "")
    expected = render("audit.intact", "en", count=len(trail), event=last_id, at=at, head=head[:16])
    assert out.strip() == expected


def test_truncation_exits_3_naming_the_missing_events(demo_db: Path, tmp_path: Path, run: Run) -> None:
    for _ in range(6):  # each rebuild of the search index is an event of the trail
        assert run("--db", str(demo_db), "db", "reindex")[0] == 0
    trail = _trail(demo_db)
    execute(demo_db, "DELETE FROM audit_event WHERE id > ?", (trail[-6][0],))
    code, out, err = run("--db", str(demo_db), "--lang", "en", "audit", "verify")
    assert code == 3
    # Each rebuild records its event inside its own write transaction: the anchor's floor is the event
    # before it, so only 4 of the 5 are proven missing (the last one may have been rolled back).
    assert err.strip() == f"4 events missing after #{trail[-6][0]}: the newest events were removed."
    assert out.strip() == render("audit.broken", "en")


def test_an_edited_event_exits_3_naming_it_and_its_time(demo_db: Path, run: Run) -> None:
    event_id, at, _ = _trail(demo_db)[0]
    execute(demo_db, "UPDATE audit_event SET actor = 'mallory' WHERE id = ?", (event_id,))
    code, out, _ = run("--db", str(demo_db), "audit", "verify", "--json")
    assert code == 3
    report = json.loads(out)
    assert report["ok"] is False
    assert report["problems"] == [render("audit.event_altered", "zh", event=event_id, at=at)]


def test_a_missing_key_exits_3_saying_what_to_do(demo_db: Path, run: Run) -> None:
    audit_anchor.key_file().unlink()
    code, _, err = run("--db", str(demo_db), "--lang", "en", "audit", "verify")
    assert code == 3
    assert render("audit.key_missing", "en", path=str(audit_anchor.key_file())) in err
    assert not audit_anchor.key_file().exists()  # never silently replaced


@FILE_COPY
def test_a_restore_keeps_history_and_verifies(tmp_path: Path, run: Run) -> None:
    target, backup = tmp_path / "centre.db", tmp_path / "backup.db"
    assert run("--db", str(target), "db", "init")[0] == 0
    assert run("--db", str(target), "db", "backup", str(backup))[0] == 0
    assert run("--db", str(target), "db", "restore", str(backup))[0] == 0
    code, out, _ = run("--db", str(target), "audit", "verify", "--json")
    report = json.loads(out)
    assert (code, report["ok"], report["archived"], report["count"]) == (0, True, 1, 1)


@FILE_COPY
def test_a_backup_checks_against_its_own_anchor_and_never_moves_the_live_one(
    demo_db: Path, tmp_path: Path, run: Run
) -> None:
    backup = tmp_path / "backup.db"
    assert run("--db", str(demo_db), "db", "backup", str(backup))[0] == 0
    assert sorted(path.name for path in tmp_path.glob("backup.db*")) == ["backup.db", "backup.db.anchor.json"]
    code, out, _ = run("--db", str(backup), "audit", "verify")
    assert code == 0, out
    assert run("--db", str(backup), "lookup", "张伟")[0] == 0  # a write into the backup file
    for database in (demo_db, backup):
        code, out, err = run("--db", str(database), "audit", "verify")
        assert code == 0, (database, out, err)
