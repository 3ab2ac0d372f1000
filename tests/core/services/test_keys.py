"""Trusting other centres' keys: this centre's own key and label cannot be taken, each key is listed with
its fingerprint, and every change to the trust list leaves its audit event — or, refused, nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.pdf.signing import KeyStore, sign_payload
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.changes import ChangeKind
from ruankao_desktop.core.services.keys import KeyService
from ruankao_desktop.core.services.verification import Verdict, VerificationService
from ruankao_desktop.core.store.models import AuditEvent
from tests.helpers import TEST_ACTOR, TODAY


@pytest.fixture
def keys(tmp_path: Path) -> KeyStore:
    return KeyStore(tmp_path / "keys")


def other_centre(tmp_path: Path, name: str = "other") -> tuple[KeyStore, Path]:
    store = KeyStore(tmp_path / name)
    exported = tmp_path / f"{name}.pem"
    store.export_public(exported)
    return store, exported


def trusted_files(keys: KeyStore) -> list[str]:
    return sorted(p.name for p in keys.trusted_folder.glob("*")) if keys.trusted_folder.is_dir() else []


def refused(call: Callable[[], object], keys: KeyStore) -> str:
    """Run `call`, which must be refused with a known error that wrote nothing; its message."""
    files, events = trusted_files(keys), AuditEvent.select().count()
    with pytest.raises(KnownError) as caught:
        call()
    assert caught.value.exit_code == 3
    assert (trusted_files(keys), AuditEvent.select().count()) == (files, events)
    return caught.value.message()


def test_import_rename_and_remove_leave_audit_events(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    service = KeyService(keys)
    there, exported = other_centre(tmp_path)
    imported = service.import_key(exported, name="海淀考点", actor=TEST_ACTOR)
    assert (imported.key_id, imported.name) == (there.own_key_id(), "海淀考点")
    assert imported.changed.kind is ChangeKind.KEYS
    renamed = service.rename(imported.key_id, name="海淀区考点", actor=TEST_ACTOR)
    assert renamed.name == "海淀区考点"
    listed = {key.key_id: key for key in service.list()}
    assert listed[imported.key_id].name == "海淀区考点"
    removed = service.remove(imported.key_id, actor=TEST_ACTOR)
    assert removed.name == "海淀区考点"
    assert imported.key_id not in {key.key_id for key in service.list()}
    events = list(AuditEvent.select().order_by(AuditEvent.id.desc()).limit(3))[::-1]
    assert [(e.action, e.target, e.actor) for e in events] == [
        (action, f"key:{imported.key_id}", TEST_ACTOR.user)
        for action in ("keys.import", "keys.rename", "keys.remove")
    ]
    assert '"fingerprint"' in events[0].details and '"to": "海淀区考点"' in events[1].details


def test_every_key_is_listed_with_its_fingerprint(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    service = KeyService(keys)
    _, exported = other_centre(tmp_path)
    service.import_key(exported, name="海淀考点", actor=TEST_ACTOR)
    own, other = service.list()
    assert own.own and own.label() == "本考点" and own.label("en") == "this centre"
    assert other.label() == "海淀考点"
    for key in (own, other):
        groups = key.fingerprint.split(" ")
        assert len(groups) == 16 and all(len(g) == 4 for g in groups)
        assert "".join(groups[:4]) == key.key_id


@pytest.mark.parametrize("name", ["本考点", "本 考点", "This Centre", "THIS_CENTRE", "ｔｈｉｓ ｃｅｎｔｒｅ"])
def test_the_centres_own_label_cannot_be_taken(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path, name: str
) -> None:
    _, exported = other_centre(tmp_path)
    message = refused(lambda: KeyService(keys).import_key(exported, name=name, actor=TEST_ACTOR), keys)
    assert message == render("keys.reserved_name", name=name)


def test_this_centres_own_key_cannot_be_imported(demo_centre: Centre, keys: KeyStore, tmp_path: Path) -> None:
    own = tmp_path / "own.pem"
    keys.export_public(own)
    message = refused(lambda: KeyService(keys).import_key(own, name="海淀考点", actor=TEST_ACTOR), keys)
    assert message == render("keys.own_key", path=str(own))
    assert [key.own for key in KeyService(keys).list()] == [True]


def test_a_legacy_copy_of_the_own_key_in_the_trusted_folder_does_not_relabel_it(
    demo_centre: Centre, keys: KeyStore
) -> None:
    keys.trusted_folder.mkdir(parents=True)
    keys.export_public(keys.trusted_folder / f"{keys.own_key_id()}.pem")
    (keys.trusted_folder / f"{keys.own_key_id()}.name").write_text("海淀考点", encoding="utf-8")
    assert [(key.own, key.label()) for key in KeyService(keys).list()] == [(True, "本考点")]


def test_a_foreign_key_never_reads_like_this_centre(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    there, exported = other_centre(tmp_path)
    KeyService(keys).import_key(exported, name="海淀考点", actor=TEST_ACTOR)
    payload = sign_payload({"v": 1, "k": there.own_key_id(), "n": "C00000000001"}, there.signing_key())
    result = VerificationService(demo_centre.settings, keys=keys, today=lambda: TODAY).verify(payload)
    assert result.verdict is Verdict.VALID
    issuer = render("verify.trusted_issuer", name="海淀考点", key_id=there.own_key_id())
    assert result.message() == render("verify.valid", issuer=issuer)


def test_mistakes_are_refused_with_a_message_and_write_nothing(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path
) -> None:
    service = KeyService(keys)
    first, first_file = other_centre(tmp_path, "first")
    _, second_file = other_centre(tmp_path, "second")
    service.import_key(first_file, name="海淀考点", actor=TEST_ACTOR)
    junk = tmp_path / "junk.pem"
    junk.write_text("not a key")
    missing = tmp_path / "missing.pem"
    own_id = keys.own_key_id()
    cases = [
        (
            lambda: service.import_key(junk, name="x", actor=TEST_ACTOR),
            render("keys.bad_file", path=str(junk)),
        ),
        (
            lambda: service.import_key(missing, name="x", actor=TEST_ACTOR),
            render("keys.bad_file", path=str(missing)),
        ),
        (
            lambda: service.import_key(second_file, name="海淀考点", actor=TEST_ACTOR),
            render("keys.name_taken", name="海淀考点", key_id=first.own_key_id()),
        ),
        (
            lambda: service.import_key(first_file, name="朝阳考点", actor=TEST_ACTOR),
            render("keys.already_trusted", key_id=first.own_key_id(), name="海淀考点"),
        ),
        (
            lambda: service.import_key(second_file, name="!!!", actor=TEST_ACTOR),
            render("keys.bad_name", name="!!!"),
        ),
        (
            lambda: service.rename("0123456789abcdef", name="y", actor=TEST_ACTOR),
            render("keys.unknown", key_id="0123456789abcdef"),
        ),
        (lambda: service.remove("nonsense", actor=TEST_ACTOR), render("keys.unknown", key_id="nonsense")),
        (
            lambda: service.rename(own_id, name="y", actor=TEST_ACTOR),
            render("keys.own_key_fixed", key_id=own_id),
        ),
        (lambda: service.remove(own_id, actor=TEST_ACTOR), render("keys.own_key_fixed", key_id=own_id)),
        (
            lambda: service.rename(first.own_key_id(), name="本考点", actor=TEST_ACTOR),
            render("keys.reserved_name", name="本考点"),
        ),
    ]
    for call, message in cases:
        assert refused(call, keys) == message
    assert render("keys.reserved_name", "en", name="本考点").startswith("The name “本考点” is reserved")


def test_a_change_whose_audit_event_cannot_be_written_changes_no_file(
    demo_centre: Centre, keys: KeyStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = KeyService(keys)
    _, exported = other_centre(tmp_path)
    imported = service.import_key(exported, name="海淀考点", actor=TEST_ACTOR)

    def locked(*_args: object, **_kwargs: object) -> None:
        raise KnownError("db.locked")

    monkeypatch.setattr("ruankao_desktop.core.services.keys.audit.record", locked)
    assert refused(lambda: service.remove(imported.key_id, actor=TEST_ACTOR), keys) == render("db.locked")
    assert refused(lambda: service.rename(imported.key_id, name="z", actor=TEST_ACTOR), keys) == render(
        "db.locked"
    )
    assert [key.name for key in service.list() if not key.own] == ["海淀考点"]
