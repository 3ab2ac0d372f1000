"""Signed QR payloads and keys: what verifies, what is tampered, forged or from an unknown centre."""

from __future__ import annotations

from pathlib import Path

import pytest

from ruankao_desktop.core.domain.codes import ALPHABET, format_code, looks_like_code, new_code, normalise_code
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.pdf.signing import KeyStore, NotAPayload, open_payload, sign_payload

FIELDS = {"v": 1, "s": "20261129-7KQ2M9XD", "n": "C22120000001", "h": "王丽𠮷", "e": "2027-02-27"}


def _signed(store: KeyStore) -> str:
    return sign_payload({**FIELDS, "k": store.own_key_id()}, store.signing_key())


def test_a_key_is_created_once_and_kept_private(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    first = store.own_key_id()
    assert KeyStore(tmp_path / "keys").own_key_id() == first
    assert (store.private_file.stat().st_mode & 0o777) == 0o600


def test_a_signed_payload_opens_intact(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    opened = open_payload(_signed(store), store.trusted())
    assert opened.consistent and opened.signature_valid
    assert opened.fields["h"] == "王丽𠮷"


def test_any_single_changed_character_is_caught_as_tampering(tmp_path: Path) -> None:
    store = KeyStore(tmp_path / "keys")
    payload = _signed(store)
    for position in range(5, len(payload)):
        if payload[position] == ".":
            continue
        flipped = payload[:position] + ("A" if payload[position] != "A" else "B") + payload[position + 1 :]
        opened = open_payload(flipped, store.trusted())
        assert not (opened.consistent and opened.signature_valid), position
        assert not opened.consistent, position


def test_a_consistent_payload_signed_by_another_key_claiming_ours_is_forged(tmp_path: Path) -> None:
    ours = KeyStore(tmp_path / "ours")
    forger = KeyStore(tmp_path / "forger")
    forged = sign_payload({**FIELDS, "k": ours.own_key_id()}, forger.signing_key())
    opened = open_payload(forged, ours.trusted())
    assert opened.consistent
    assert opened.signature_valid is False


def test_a_centre_is_trusted_after_its_public_key_is_imported(tmp_path: Path) -> None:
    here = KeyStore(tmp_path / "here")
    there = KeyStore(tmp_path / "there")
    payload = _signed(there)
    assert open_payload(payload, here.trusted()).trusted_key is None
    exported = tmp_path / "there.pem"
    key_id = there.export_public(exported)
    assert here.import_public(exported, name="海淀考点") == key_id
    opened = open_payload(payload, here.trusted())
    assert opened.signature_valid
    assert opened.trusted_key is not None and opened.trusted_key.name == "海淀考点"


def test_a_file_that_is_not_a_key_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_text("not a key")
    with pytest.raises(KnownError) as caught:
        KeyStore(tmp_path / "keys").import_public(junk, name="x")
    assert caught.value.message() == render("keys.bad_file", path=str(junk))


def test_text_of_another_shape_is_not_a_payload(tmp_path: Path) -> None:
    with pytest.raises(NotAPayload):
        open_payload("https://example.invalid/certificate?id=1", KeyStore(tmp_path / "k").trusted())


def test_verification_codes_survive_how_people_type_them() -> None:
    code = new_code()
    assert len(code) == 16 and all(c in ALPHABET for c in code)
    assert looks_like_code(format_code(code).lower())
    assert normalise_code("7kq2-m9xd o1il 0000") == "7KQ2M9XD01110000"
    assert not looks_like_code("C22120000001")
