"""Near misses of a typed 证书编号 or 管理号 (issue 11): the certificates whose number is one slip away.

When an exact look-up finds nothing, the operator most likely made one of four slips: one wrong character
(WRONG), one left out (MISSING: the stored number has a character the typed one lacks), one too many
(EXTRA), or two neighbours swapped (SWAPPED). `near_identifiers` names the certificates whose `cert_no` or
`management_no` is exactly one such edit from the typed value, so that the window can ask "您是不是要找 …"
with the differing character marked. They are suggestions, never hits: the typed value itself is never
looked up.

How: every string one edit from the typed value is generated and looked up with `IN (…)` on the existing
indexes (`cert_no` unique, `management_no` indexed), at most `CHUNK` parameters a statement, as plain SQL
in the engine's own parameter style (`database.param`), so the same code runs on SQLite and PostgreSQL.
Stored numbers are drawn from `ALPHABET` (upper-case ASCII letters, digits, `-` and `/`: the form the
importer stores), so a candidate holding any other character cannot match and is dropped before the query
— which also keeps quotes, `%`, NUL and the like away from the database (the values are parameters
anyway); a stray character in what was typed still finds its number, by the deletion of that character.

Substitutions and insertions use only the characters of the classes (digits, letters, separators) found
at that place — the character replaced and its neighbours, or the two neighbours of the gap; every class at
either end, where a leading letter is easily left out — rather than the whole alphabet of 38: a 7 typed for
a 1 inside a run of digits is tried, an A there is not. Candidates
(after dropping duplicates) and statements per column, measured on the demo's numbers and on a random
64-character one (`one_edit_candidates` against the same loops over the whole alphabet):

    ====================================  ==============  ==========  =====================
    typed                                 whole alphabet  by class    statements of ≤ 500
    ====================================  ==============  ==========  =====================
    证书编号 C21220004817 (12)              943             407         2 → 1
    管理号 2021221000004817 (16)            1,243           431         3 → 1
    C and 63 random digits (64)           4,885           1,437       10 → 3
    ====================================  ==============  ==========  =====================

so a usual look-up is one statement per column instead of two or three. What it gives up: a slip across
classes that neither the character replaced nor its neighbours show, away from the ends — a letter typed
where a letter belongs between digits is still found (the replaced letter brings its class), but a digit
typed where a letter belongs between digits, or a letter left out between digits, is not suggested.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

import peewee

DIGITS = string.digits
LETTERS = string.ascii_uppercase
SEPARATORS = "-/"
ALPHABET = frozenset(DIGITS + LETTERS + SEPARATORS)
MIN_LENGTH = 6
MAX_LENGTH = 64
CHUNK = 500  # parameters a statement, well below SQLite's and PostgreSQL's limits
FIELDS = ("cert_no", "management_no")  # in the order of the results

_CLASSES = (DIGITS, LETTERS, SEPARATORS)


class Edit(StrEnum):
    """How the stored number differs from the typed one."""

    WRONG = "wrong"  # one character different
    MISSING = "missing"  # the typed one lacks a character of the stored one
    EXTRA = "extra"  # the typed one has a character too many
    SWAPPED = "swapped"  # two neighbouring characters in the other order


@dataclass(frozen=True)
class NearMiss:
    """A certificate whose `field` (`cert_no` or `management_no`) is `stored`, one `edit` from the typed
    value, differing at `position`: an index into `stored` (for SWAPPED the first of the two), except for
    EXTRA, where it is the index into the typed value of its extra character (the place in `stored`
    where that character is not)."""

    certificate_id: int
    field: str
    stored: str
    edit: Edit
    position: int

    def marked(self) -> tuple[str, str, str]:
        """`stored` as (before, differing part, after), for a window to bold the middle; for EXTRA the
        middle is "" at the place where the typed value had its extra character."""
        width = {Edit.WRONG: 1, Edit.MISSING: 1, Edit.EXTRA: 0, Edit.SWAPPED: 2}[self.edit]
        end = self.position + width
        return self.stored[: self.position], self.stored[self.position : end], self.stored[end:]


def near_identifiers(database: peewee.Database, typed: str, *, limit: int = 10) -> list[NearMiss]:
    """Certificates whose cert_no or management_no is one edit from `typed` (normalised already by the
    caller: stripped, upper-cased), ordered by field (cert_no first), then the stored value; at most
    `limit`, each certificate once (under its first field), never a number equal to `typed`. A `typed`
    shorter than `MIN_LENGTH` or longer than `MAX_LENGTH` characters gives []."""
    if limit < 1:
        raise ValueError(f"limit must be positive, not {limit}")
    if not MIN_LENGTH <= len(typed) <= MAX_LENGTH:
        return []
    candidates = sorted(one_edit_candidates(typed))
    found: list[NearMiss] = []
    for field in FIELDS:
        matches = sorted(_matches(database, field, candidates), key=lambda row: (row[1], row[0]))
        found += [NearMiss(row[0], field, row[1], *_difference(typed, row[1])) for row in matches]
    seen: set[int] = set()
    unique = []
    for near in found:
        if near.certificate_id not in seen:
            seen.add(near.certificate_id)
            unique.append(near)
    return unique[:limit]


def one_edit_candidates(typed: str) -> set[str]:
    """Every string of `ALPHABET` one deletion, adjacent transposition, substitution or insertion from
    `typed` (substitutions and insertions of the classes at that place), `typed` itself excluded."""
    candidates: set[str] = set()
    for index in range(len(typed)):
        head, tail = typed[:index], typed[index + 1 :]
        candidates.add(head + tail)
        if tail:
            candidates.add(head + tail[0] + typed[index] + tail[1:])
        candidates.update(head + char + tail for char in _replacements(typed, index - 1, index + 2))
    for index in range(len(typed) + 1):
        head, tail = typed[:index], typed[index:]
        candidates.update(head + char + tail for char in _replacements(typed, index - 1, index + 1))
    candidates.discard(typed)
    return {candidate for candidate in candidates if ALPHABET.issuperset(candidate)}


def _replacements(typed: str, start: int, stop: int) -> str:
    """The characters of every class (digits, letters, separators) in `typed[start:stop]`; of all classes
    when that reaches past an end of `typed`, whose other side could hold anything."""
    if start < 0 or stop > len(typed):
        return "".join(_CLASSES)
    return "".join(chars for chars in _CLASSES if any(char in chars for char in typed[start:stop]))


def _matches(database: peewee.Database, field: str, candidates: Sequence[str]) -> Iterator[tuple[int, str]]:
    """(id, value) of the certificates whose `field` is one of `candidates`, `CHUNK` values a statement;
    on PostgreSQL all of them as one array (a statement of hundreds of parameters is planned afresh
    every time, slower there than the look-ups themselves)."""
    if isinstance(database, peewee.PostgresqlDatabase):
        cursor = database.execute_sql(
            f"SELECT id, {field} FROM certificate WHERE {field} = ANY({database.param})", [list(candidates)]
        )
        yield from ((int(row[0]), str(row[1])) for row in cursor.fetchall())
        return
    for chunk in _chunks(candidates, CHUNK):
        slots = ", ".join([database.param] * len(chunk))
        cursor = database.execute_sql(
            f"SELECT id, {field} FROM certificate WHERE {field} IN ({slots})", chunk
        )
        yield from ((int(row[0]), str(row[1])) for row in cursor.fetchall())


def _chunks(values: Sequence[str], size: int) -> Iterable[list[str]]:
    return (list(values[start : start + size]) for start in range(0, len(values), size))


def _difference(typed: str, stored: str) -> tuple[Edit, int]:
    """The edit and position that turn `typed` into `stored`, which is one edit away: the first place
    where they differ (for a character missing from or added to a run of it, the end of the run)."""
    position = next(
        (index for index, (a, b) in enumerate(zip(typed, stored, strict=False)) if a != b),
        min(len(typed), len(stored)),
    )
    if len(stored) > len(typed):
        return Edit.MISSING, position
    if len(stored) < len(typed):
        return Edit.EXTRA, position
    if typed[position + 1 :] == stored[position + 1 :]:
        return Edit.WRONG, position
    return Edit.SWAPPED, position
