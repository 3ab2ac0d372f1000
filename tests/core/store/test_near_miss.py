"""Near misses of a 证书编号 or 管理号 (issue 11), in a real seeded SQLite file: each slip on each field,
correct numbers, two slips, hostile input and the demo's sequential numbers."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from peewee import Database

from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.store import near_miss
from ruankao_desktop.core.store.models import Certificate
from ruankao_desktop.core.store.near_miss import FIELDS, Edit, NearMiss, near_identifiers

Damage = Callable[[str, int], str]


def one_edit_apart(a: str, b: str) -> bool:
    """Whether `b` is one substitution, deletion, insertion or adjacent swap from `a`, independently of
    the module: compare after the common prefix."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


def other_of_class(char: str) -> str:
    return "7" if char != "7" and char.isdigit() else "3" if char.isdigit() else "Q" if char != "Q" else "K"


DAMAGE: dict[Edit, Damage] = {
    Edit.WRONG: lambda stored, p: stored[:p] + other_of_class(stored[p]) + stored[p + 1 :],
    Edit.MISSING: lambda stored, p: stored[:p] + stored[p + 1 :],
    Edit.EXTRA: lambda stored, p: stored[:p] + other_of_class(stored[p]) + stored[p:],
    Edit.SWAPPED: lambda stored, p: stored[:p] + stored[p + 1] + stored[p] + stored[p + 2 :],
}
MIDDLE: dict[Edit, Callable[[str, int], str]] = {
    Edit.WRONG: lambda stored, p: stored[p],
    Edit.MISSING: lambda stored, p: stored[p],
    Edit.EXTRA: lambda stored, p: "",
    Edit.SWAPPED: lambda stored, p: stored[p : p + 2],
}


@pytest.fixture
def database(demo_centre: Centre) -> Database:
    return demo_centre.opened.database


def distinct_tail(certificate: Certificate) -> bool:
    """Its numbers end in three different characters, none equal to the one before (no runs there)."""
    return all(len(set(value[-4:])) == 4 for value in (certificate.cert_no, certificate.management_no))


@pytest.fixture
def certificate(database: Database) -> Certificate:
    """A certificate whose numbers end without repeated characters, so a slip there has one position."""
    return next(c for c in Certificate.select().order_by(Certificate.id.desc()) if distinct_tail(c))


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("edit", list(Edit))
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_each_slip_on_each_field_names_the_certificate(
    database: Database, certificate: Certificate, field: str, edit: Edit, where: str
) -> None:
    stored: str = getattr(certificate, field)
    position = {"start": 0, "middle": len(stored) - 3, "end": len(stored) - 2}[where]
    if where == "end" and edit is not Edit.SWAPPED:
        position = len(stored) - 1
    typed = DAMAGE[edit](stored, position)
    assert not Certificate.select().where(getattr(Certificate, field) == typed).exists()

    found = near_identifiers(database, typed, limit=100)

    expected = NearMiss(certificate.id, field, stored, edit, position)
    assert expected in found
    before, middle, after = expected.marked()
    assert (before, middle, after) == (stored[:position], MIDDLE[edit](stored, position), after)
    assert before + middle + after == stored
    assert after == stored[position + len(middle) :]


def test_an_extra_character_at_the_end_is_marked_as_nothing_after_the_number(
    database: Database, certificate: Certificate
) -> None:
    typed = certificate.cert_no + "5"
    [hit] = [n for n in near_identifiers(database, typed) if n.certificate_id == certificate.id]
    assert (hit.edit, hit.position) == (Edit.EXTRA, len(certificate.cert_no))
    assert hit.marked() == (certificate.cert_no, "", "")


def test_a_digit_for_the_leading_letter_is_a_wrong_character(
    database: Database, certificate: Certificate
) -> None:
    typed = "7" + certificate.cert_no[1:]
    expected = NearMiss(certificate.id, "cert_no", certificate.cert_no, Edit.WRONG, 0)
    assert expected in near_identifiers(database, typed, limit=100)
    assert expected.marked() == ("", certificate.cert_no[0], certificate.cert_no[1:])


def test_a_slip_in_a_run_of_one_character_is_placed_at_the_end_of_the_run(database: Database) -> None:
    certificate = Certificate.get_by_id(1)
    stored = certificate.management_no  # 2022211000000001: a run of zeros
    run_start, run_end = stored.index("000"), len(stored) - 2
    typed = stored[: run_start + 2] + stored[run_start + 3 :]
    found = near_identifiers(database, typed, limit=100)
    assert NearMiss(certificate.id, "management_no", stored, Edit.MISSING, run_end) in found
    extra = stored[:run_start] + "0" + stored[run_start:]
    assert NearMiss(certificate.id, "management_no", stored, Edit.EXTRA, run_end + 1) in near_identifiers(
        database, extra, limit=100
    )


@pytest.mark.parametrize("field", FIELDS)
def test_a_correct_number_never_suggests_itself(database: Database, field: str) -> None:
    for certificate in Certificate.select().order_by(Certificate.id).limit(50):
        typed = getattr(certificate, field)
        found = near_identifiers(database, typed, limit=100)
        assert all(n.stored != typed for n in found)
        assert certificate.id not in {n.certificate_id for n in found}


@pytest.mark.parametrize("field", FIELDS)
def test_two_slips_away_is_not_a_near_miss(database: Database, certificate: Certificate, field: str) -> None:
    stored: str = getattr(certificate, field)
    twice = DAMAGE[Edit.WRONG](DAMAGE[Edit.SWAPPED](stored, len(stored) - 2), 1)
    found = near_identifiers(database, twice, limit=100)
    assert certificate.id not in {n.certificate_id for n in found}
    assert all(one_edit_apart(twice, n.stored) for n in found)  # other real numbers may be one slip away
    assert near_identifiers(database, "QZ" + stored) == []
    assert near_identifiers(database, stored + "QZ") == []


@pytest.mark.parametrize(
    "typed",
    [
        "' OR '1'='1",
        "C2%",
        "%%%%%%%%",
        "________",
        "C21220000001'); DROP TABLE certificate; --",
        "' UNION SELECT id, sqlite_version() FROM certificate --",
        "\x00" * 8,
        "C2122\x00000001",
        "A" * 10_000,
        "9" * 10_000,
        "证书编号C2122000",
        "C21220000001\n",
        "",
    ],
)
def test_hostile_input_gives_nothing_or_true_near_misses(database: Database, typed: str) -> None:
    before = Certificate.select().count()
    found = near_identifiers(database, typed, limit=100)
    assert all(one_edit_apart(typed, n.stored) for n in found)
    assert Certificate.select().count() == before


@pytest.mark.parametrize("stray", ["%", "_", "'", '"', "\x00", ";", "*", "证"])
def test_a_stray_character_in_a_real_number_is_an_extra_one(
    database: Database, certificate: Certificate, stray: str
) -> None:
    stored = certificate.cert_no
    typed = stored[:5] + stray + stored[5:]
    assert NearMiss(certificate.id, "cert_no", stored, Edit.EXTRA, 5) in near_identifiers(
        database, typed, limit=100
    )
    wrong = stored[:-1] + stray
    assert NearMiss(certificate.id, "cert_no", stored, Edit.WRONG, len(stored) - 1) in near_identifiers(
        database, wrong, limit=100
    )


def test_too_short_or_too_long_gives_nothing(database: Database, certificate: Certificate) -> None:
    assert near_identifiers(database, certificate.cert_no[:5]) == []
    assert near_identifiers(database, certificate.cert_no + "0" * 53) == []
    assert len(certificate.cert_no + "0" * 52) == 64  # the longest looked up
    assert near_identifiers(database, certificate.cert_no[:6]) == []  # no stored number is that short


def test_sequential_numbers_give_several_real_different_certificates(database: Database) -> None:
    certificate = Certificate.get_by_id(3)
    typed = certificate.cert_no[:-1] + other_of_class(certificate.cert_no[-1])
    found = near_identifiers(database, typed, limit=100)
    assert len(found) >= 3
    assert len({n.certificate_id for n in found}) == len(found)
    for near in found:
        real = Certificate.get_by_id(near.certificate_id)
        assert getattr(real, near.field) == near.stored != typed
        assert one_edit_apart(typed, near.stored)


def test_results_are_ordered_by_field_then_number_and_cut_at_the_limit(database: Database) -> None:
    certificate = Certificate.get_by_id(3)
    everything = near_identifiers(database, certificate.cert_no, limit=1000)
    assert len(everything) > 3
    assert everything == sorted(everything, key=lambda n: (FIELDS.index(n.field), n.stored))
    assert near_identifiers(database, certificate.cert_no, limit=3) == everything[:3]
    with pytest.raises(ValueError, match="limit"):
        near_identifiers(database, certificate.cert_no, limit=0)


def test_the_same_as_a_full_scan_for_slips_between_digits(database: Database) -> None:
    """Against every stored number compared in Python: for slips of digits within digits, the class
    rule loses nothing, and the module finds exactly the numbers one edit away."""
    rows: list[tuple[int, tuple[str, str]]] = [
        (int(c.id), (str(c.cert_no), str(c.management_no))) for c in Certificate.select()
    ]
    rng = random.Random(11)
    for _ in range(12):
        certificate_id, numbers = rng.choice(rows)
        stored = rng.choice(numbers)
        edit = rng.choice(list(Edit))
        typed = DAMAGE[edit](stored, rng.randrange(len(stored) - 7, len(stored) - 1))
        scan = sorted(
            (order, values[order], row_id)
            for row_id, values in rows
            for order in range(len(FIELDS))
            if one_edit_apart(typed, values[order])
        )
        seen: set[int] = set()
        unique = []
        for order, value, found_id in scan:
            if found_id not in seen:
                seen.add(found_id)
                unique.append((FIELDS[order], value, found_id))
        found = [(n.field, n.stored, n.certificate_id) for n in near_identifiers(database, typed, limit=1000)]
        assert found == unique, (certificate_id, typed)


def test_small_chunks_give_the_same_results(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    typed = Certificate.get_by_id(3).management_no
    whole = near_identifiers(database, typed, limit=100)
    monkeypatch.setattr(near_miss, "CHUNK", 7)
    assert near_identifiers(database, typed, limit=100) == whole
    assert whole


def test_an_empty_database_has_no_near_misses(empty_centre: Centre) -> None:
    assert near_identifiers(empty_centre.opened.database, "C21220000001") == []


def test_candidates_stay_within_the_alphabet_and_exclude_the_typed_value() -> None:
    candidates = near_miss.one_edit_candidates("C2122'0000001")
    assert candidates
    assert all(near_miss.ALPHABET.issuperset(c) for c in candidates)
    assert "C21220000001" in candidates
    plain = near_miss.one_edit_candidates("C21220004817")
    assert "C21220004817" not in plain
    assert all(one_edit_apart("C21220004817", c) for c in plain)
    assert len(plain) < 500  # one statement a column
