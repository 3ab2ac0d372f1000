"""One row of a list → the values to stage, or the problems that reject it (docs/domain.md "Data that
arrives at the centre").

`_check_all` checks every field with the domain rules and reports every problem of the row, so that one
pass over a file lists everything to fix. Most rows of a list are clean text whose repeated values (the
session, the qualification, the date) were seen a row earlier; `_fast` stages those with a few lookups in
what `_check_all` made of the very same cell values, and hands anything it is not sure of to
`_check_all`. A test checks that both give the same result on every row they both accept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.dates import parse_date
from ruankao_desktop.core.domain.ids import IdNumber, IdType
from ruankao_desktop.core.domain.names import validate_name
from ruankao_desktop.core.domain.reissue import normalise_phone
from ruankao_desktop.core.domain.sessions import SessionRef, parse_session
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.importing.cells import (
    CellProblem,
    cell_text,
    identifier,
    identifier_text,
    is_plain_text,
    mask_value,
    plain,
    text,
)
from ruankao_desktop.core.importing.columns import Field, HeaderMap
from ruankao_desktop.core.importing.idcheck import IdChecker
from ruankao_desktop.core.importing.qualifications import QualificationCatalogue, parse_level
from ruankao_desktop.core.importing.readers import CellError, Formula
from ruankao_desktop.core.importing.report import ProblemLog, Rejection, RowNote

# The issuing authorities printed on every 软考 certificate; used when a list has no 颁发机构 column.
DEFAULT_ISSUER = "人力资源和社会保障部、工业和信息化部"
EARLIEST_APPROVAL = date(1985, 1, 1)
MAX_ISSUER_LENGTH = 100
MAX_IDENTIFIER_LENGTH = 64  # 证书编号, 管理号


class StagedRow(NamedTuple):
    """One checked row as it goes into the staging table `import_row` (`staging.Staging.add`); the
    fields are that table's columns, in its order."""

    line_no: int  # the row number as the spreadsheet shows it
    cert_no: str
    management_no: str | None
    qualification_id: int
    session_id: int
    session_date: str  # ISO
    approved_on: str | None  # ISO
    issuer: str | None
    name: str
    id_number: str  # normalised
    id_type: str  # an `IdType` value
    birth_date: str | None  # ISO
    gender: str | None
    phone: str | None


STAGE_COLUMNS = StagedRow._fields
SessionLookup = Callable[[SessionRef], tuple[int, str]]  # → (session id, exam date ISO)

# A character a 证书编号 or 管理号 may not hold. Lower-case letters are allowed here because
# `cells.identifier` upper-cases ASCII text and leaves other text, which has a bad character anyway, as it
# is: the first one found is then the one to name.
_NOT_IDENTIFIER = re.compile("[^A-Za-z0-9/-]")

# Names `validate_name` returns as they are: ideographs of the main CJK block only.
_PLAIN_NAME = re.compile("[\u4e00-\u9fff]{1,20}")
_ID_TYPES: tuple[tuple[tuple[str, ...], IdType], ...] = (
    (("居民身份证", "身份证", "二代身份证", "临时身份证", "户口簿"), IdType.RESIDENT),
    (("居住证", "通行证", "台胞证", "回乡证", "港澳台", "港澳", "台湾", "香港", "澳门"), IdType.HMT),
    (("护照",), IdType.PASSPORT),
)
_OTHER_ID_TYPES = ("其他", "其它", "军官证", "士兵证", "警官证")
_CACHE_LIMIT = 50_000
_ABSENT = 1 << 30  # the index of a column the list does not have: past every row, so the cell is empty
_MISSING = object()
_T = TypeVar("_T")


class RowValidator:
    """Checks rows of one list against the domain rules, the catalogue and the settings."""

    def __init__(
        self,
        header: HeaderMap,
        *,
        settings: Settings,
        catalogue: QualificationCatalogue,
        session_lookup: SessionLookup,
        today: date,
    ) -> None:
        columns = header.columns
        self._labels = {f: header.label(f) for f in Field}
        self._index = {f: columns.get(f, _ABSENT) for f in Field}
        self._settings = settings
        self._catalogue = catalogue
        self._session_lookup = session_lookup
        self._today = today
        self._ids = IdChecker(today)
        # What `_check_all` made of a plain cell value, per field: (True, value) or (False, (code, params)).
        self._seen: dict[Field, dict[Hashable, tuple[bool, Any]]] = {f: {} for f in Field}
        self._qualifications: dict[tuple[str, str | None, int | None], tuple[bool, Any]] = {}
        # For `_fast`: session cell → ((id, exam date), qualification cell → qualification id), and
        # approval date cell → ISO date; filled by `_remember` from rows `_check_all` accepted.
        self._fast_sessions: dict[str, tuple[tuple[int, str], dict[str, int]]] = {}
        self._fast_dates: dict[Hashable, str | None] = {}
        self._fast_columns = (
            columns[Field.NAME],
            columns[Field.ID_NUMBER],
            columns[Field.CERT_NO],
            columns.get(Field.MANAGEMENT_NO, -1),
            columns[Field.SESSION],
            columns.get(Field.APPROVED_ON, -1),
            columns[Field.QUALIFICATION],
        )
        self._fast_width = max(self._fast_columns) + 1
        self._fast_id = self._ids.fast
        self._plain_name = _PLAIN_NAME.fullmatch
        self._cert_no_as_is = _as_is(settings.cert_no_pattern)
        self._management_no_as_is = _as_is(settings.management_no_pattern)
        # A list with any of these columns takes `_check_all` for every row.
        self._fast_off = any(f in columns for f in (Field.LEVEL, Field.ID_TYPE, Field.ISSUER, Field.PHONE))

    def validate(self, number: int, cells: Sequence[object], log: ProblemLog) -> StagedRow | None:
        """The row to stage, or None after recording its problems in `log`."""
        staged = None if self._fast_off else self._fast(number, cells, log)
        return staged if staged is not None else self._check_all(number, cells, log)

    # ---------------------------------------------------------------------------- the fast path

    def _fast(self, number: int, cells: Sequence[object], log: ProblemLog) -> StagedRow | None:
        """The row staged as `_check_all` would stage it, or None when that is not certain."""
        if len(cells) < self._fast_width:
            return None
        i_name, i_id, i_cert, i_management, i_session, i_approved, i_qualification = self._fast_columns
        name, id_text, cert_no = cells[i_name], cells[i_id], cells[i_cert]
        if (
            type(name) is not str
            or type(id_text) is not str
            or type(cert_no) is not str
            or self._plain_name(name) is None
            or self._cert_no_as_is(cert_no) is None
        ):
            return None
        management_no: str | None = None
        if i_management >= 0:
            raw = cells[i_management]
            if type(raw) is not str:
                return None
            if raw:
                if self._management_no_as_is(raw) is None:
                    return None
                management_no = raw
        session_raw = cells[i_session]
        known = self._fast_sessions.get(session_raw) if type(session_raw) is str else None
        if known is None:
            return None
        (session_id, session_date), qualifications = known
        approved_on: Any = None
        if i_approved >= 0:
            approved_on = self._fast_dates.get(cells[i_approved], _MISSING)
            if approved_on is _MISSING:
                return None
        qualification_raw = cells[i_qualification]
        qualification = qualifications.get(qualification_raw) if type(qualification_raw) is str else None
        if qualification is None:
            return None
        checked = self._fast_id(id_text)
        if checked is None:
            return None
        value, kind, born, gender, notice = checked
        if notice is not None:
            log.note(RowNote(number, self._labels[Field.ID_NUMBER], notice.code, dict(notice.params)))
        # Positional: keyword arguments cost a microsecond a row, a second per million rows.
        return StagedRow(
            number,
            cert_no,
            management_no,
            qualification,
            session_id,
            session_date,
            approved_on,
            None,
            name,
            value,
            kind,
            born,
            gender,
            None,
        )

    def _remember(self, cells: Sequence[object], session: tuple[int, str], qualification: int) -> None:
        """Let `_fast` reuse what `_check_all` made of this accepted row's repeated cells (plain text
        only: `_fast` reads cells as they are)."""
        session_raw = cells[self._index[Field.SESSION]]
        qualification_raw = cells[self._index[Field.QUALIFICATION]]
        if not is_plain_text(session_raw) or not is_plain_text(qualification_raw):
            return
        assert isinstance(session_raw, str) and isinstance(qualification_raw, str)  # narrowing for mypy
        i_approved = self._index[Field.APPROVED_ON]
        if i_approved < len(cells):
            # A date cell may be text or an Excel date; either is read as it is unless it is a formula.
            approved_raw = cells[i_approved]
            if isinstance(approved_raw, Formula | CellError) or (
                isinstance(approved_raw, str) and not is_plain_text(approved_raw)
            ):
                return
            self._fast_dates[approved_raw] = self._approved_on(approved_raw)
        if len(self._fast_sessions) >= _CACHE_LIMIT or len(self._fast_dates) >= _CACHE_LIMIT:
            self._fast_sessions.clear()
            self._fast_dates.clear()
        known = self._fast_sessions.setdefault(session_raw, (session, {}))
        known[1][qualification_raw] = qualification

    # ------------------------------------------------------------------------------ every field

    def _check_all(self, number: int, cells: Sequence[object], log: ProblemLog) -> StagedRow | None:
        size = len(cells)
        found: list[Rejection] = []

        def check(field: Field, parse: Callable[[object], _T]) -> _T | None:
            index = self._index[field]
            raw = cells[index] if index < size else None
            try:
                return parse(raw)
            except (InvalidInput, CellProblem) as problem:
                params = {} if problem.code == "import.cell_formula" else dict(problem.params)
                shown = mask_value(field, cell_text(raw))
                found.append(Rejection(number, field, self._labels[field], shown, problem.code, params))
                return None

        name = check(Field.NAME, self._name)
        cert_no = check(Field.CERT_NO, self._cert_no)
        management_no = check(Field.MANAGEMENT_NO, self._management_no)
        session = check(Field.SESSION, self._session)
        approved_on = check(Field.APPROVED_ON, self._approved_on)
        issuer = check(Field.ISSUER, self._issuer)
        phone = check(Field.PHONE, self._phone)
        level = check(Field.LEVEL, self._level)
        id_type = check(Field.ID_TYPE, self._id_type)
        id_number = check(Field.ID_NUMBER, lambda raw: self._id_number(raw, id_type))
        year = session[0].year if session is not None else None
        qualification = check(Field.QUALIFICATION, lambda raw: self._qualification(raw, level, year))
        if (
            found
            or name is None
            or cert_no is None
            or id_number is None
            or session is None
            or qualification is None
        ):
            log.reject_row(found)
            return None
        for notice in id_number.notices:
            log.note(RowNote(number, self._labels[Field.ID_NUMBER], notice.code, dict(notice.params)))
        self._note_format(number, Field.CERT_NO, cert_no, self._settings.cert_no_pattern, log)
        if management_no is not None:
            self._note_format(
                number, Field.MANAGEMENT_NO, management_no, self._settings.management_no_pattern, log
            )
        if level is None and id_type is None and issuer is None and phone is None:
            self._remember(cells, session[1], qualification)
        session_id, session_date = session[1]
        return StagedRow(
            number,
            cert_no,
            management_no,
            qualification,
            session_id,
            session_date,
            approved_on,
            issuer,
            name,
            id_number.value,
            id_number.id_type.value,
            id_number.birth_date.isoformat() if id_number.birth_date else None,
            id_number.gender,
            phone,
        )

    def _once(self, field: Field, value: Hashable, make: Callable[[Any], _T]) -> _T:
        """`make(value)`, computed once per distinct value of the field (errors too)."""
        seen = self._seen[field]
        hit = seen.get(value)
        if hit is None:
            try:
                hit = (True, make(value))
            except InvalidInput as problem:
                hit = (False, (problem.code, problem.params))
            if len(seen) >= _CACHE_LIMIT:
                seen.clear()
            seen[value] = hit
        made: _T = _unpack(hit)
        return made

    def _required(self, field: Field, raw: object) -> str:
        found = text(raw)
        if not found:
            raise CellProblem("import.cell_empty", column=self._labels[field])
        return found

    def _name(self, raw: object) -> str:
        if type(raw) is str and _PLAIN_NAME.fullmatch(raw):
            return raw
        return _validated_name(self._required(Field.NAME, raw))

    def _id_number(self, raw: object, id_type: IdType | None) -> IdNumber:
        found = identifier_text(raw)
        if not found:
            raise CellProblem("import.cell_empty", column=self._labels[Field.ID_NUMBER])
        return self._ids.check(found, id_type)

    def _cert_no(self, raw: object) -> str:
        value = _official_identifier(Field.CERT_NO, raw)
        if not value:
            raise CellProblem("import.cell_empty", column=self._labels[Field.CERT_NO])
        return value

    def _management_no(self, raw: object) -> str | None:
        return _official_identifier(Field.MANAGEMENT_NO, raw) or None

    def _note_format(
        self, number: int, field: Field, value: str, pattern: re.Pattern[str], log: ProblemLog
    ) -> None:
        """The setting's pattern steers only what a typed query is taken for: a number of another format
        is imported as the list gives it, and the report says so once per file and field."""
        if pattern.fullmatch(value) is None:
            note = RowNote(
                number,
                self._labels[field],
                f"import.{field.value}_unusual",
                {"value": value, "pattern": pattern.pattern},
            )
            log.note_once(note)

    def _session(self, raw: object) -> tuple[SessionRef, tuple[int, str]]:
        value = plain(raw)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise CellProblem("import.cell_empty", column=self._labels[Field.SESSION])

        def make(cell: object) -> tuple[SessionRef, tuple[int, str]]:
            reference = parse_session(cell, today=self._today)
            return reference, self._session_lookup(reference)

        return self._once(Field.SESSION, value, make)

    def _approved_on(self, raw: object) -> str | None:
        value = plain(raw)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return self._once(Field.APPROVED_ON, value, self._approval)

    def _approval(self, value: object) -> str:
        day = parse_date(value)
        if day < EARLIEST_APPROVAL:
            raise InvalidInput(
                "import.date_too_early", date=day.isoformat(), earliest=EARLIEST_APPROVAL.isoformat()
            )
        if day > self._today:
            raise InvalidInput("import.date_future", date=day.isoformat())
        return day.isoformat()

    def _issuer(self, raw: object) -> str | None:
        found = " ".join(text(raw).split())
        if not found:
            return None
        if len(found) > MAX_ISSUER_LENGTH:
            raise CellProblem("import.issuer_too_long", length=len(found), max=MAX_ISSUER_LENGTH)
        return found

    def _phone(self, raw: object) -> str | None:
        found = text(raw)
        if not found:
            return None
        phone = normalise_phone(found)
        if phone is None:
            raise CellProblem("import.phone_bad")
        return phone

    def _level(self, raw: object) -> str | None:
        found = text(raw)
        return self._once(Field.LEVEL, found, parse_level) if found else None

    def _id_type(self, raw: object) -> IdType | None:
        found = text(raw)
        return self._once(Field.ID_TYPE, found, id_type_of) if found else None

    def _qualification(self, raw: object, level: str | None, year: int | None) -> int:
        found = self._required(Field.QUALIFICATION, raw)
        key = (found, level, year)
        hit = self._qualifications.get(key)
        if hit is None:
            try:
                hit = (True, self._catalogue.resolve(found, level=level, year=year))
            except InvalidInput as problem:
                hit = (False, (problem.code, problem.params))
            if len(self._qualifications) >= _CACHE_LIMIT:
                self._qualifications.clear()
            self._qualifications[key] = hit
        qualification: int = _unpack(hit)
        return qualification


def _official_identifier(field: Field, raw: object) -> str:
    """A 证书编号 or 管理号 as stored ("" for an empty cell): whatever the list gives, normalised by
    `cells.identifier`, of letters, digits, - and / only, at most `MAX_IDENTIFIER_LENGTH` of them."""
    value = identifier(raw)
    bad = _NOT_IDENTIFIER.search(value)
    if bad is not None:
        char = bad[0]
        raise CellProblem(f"import.{field.value}_bad", char=char, codepoint=f"U+{ord(char):04X}")
    if len(value) > MAX_IDENTIFIER_LENGTH:
        raise CellProblem(f"import.{field.value}_too_long", length=len(value), max=MAX_IDENTIFIER_LENGTH)
    return value


def _as_is(pattern: re.Pattern[str]) -> Callable[[str], re.Match[str] | None]:
    """For `_fast`: a match for a cell that is already an identifier as `_official_identifier` stores it
    (upper-case letters, digits, - and /; no space, no quote mark) and also fits the setting's `pattern`.
    Such a cell is stored as it is, with nothing to note. Any other cell takes `_check_all`, which
    normalises it, refuses what is no identifier and notes a value that does not fit the pattern."""
    lookahead = f"(?=[A-Z0-9/-]{{1,{MAX_IDENTIFIER_LENGTH}}}\\Z)"
    return re.compile(f"{lookahead}(?:{pattern.pattern})", pattern.flags).fullmatch


def _unpack(hit: tuple[bool, Any]) -> Any:
    """A remembered result: the value, or the remembered problem raised afresh."""
    ok, result = hit
    if not ok:
        code, params = result
        raise InvalidInput(code, **params)
    return result


@lru_cache(maxsize=65536)
def _validated_name(found: str) -> str:
    return validate_name(found)


def id_type_of(found: str) -> IdType:
    """The ID type a 证件类型 cell names; `InvalidInput` ("import.id_type_unknown") when none."""
    compact = "".join(unicodedata.normalize("NFKC", found).split())
    for words, id_type in _ID_TYPES:
        if any(word in compact for word in words):
            return id_type
    if any(word in compact for word in _OTHER_ID_TYPES):
        return IdType.OTHER
    raise InvalidInput("import.id_type_unknown", value=found.strip())
