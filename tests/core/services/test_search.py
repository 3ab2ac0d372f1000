"""The forgiving search on a real SQLite file holding a fixed list of people chosen for it: every query
form finds the intended holder (first where the form is unambiguous), polyphonic surnames by each
reading, ID tails, several words, near misses of a mistyped number, former identities, hostile input, and
the keys kept right by every write."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from stdnum.cn import ric

from ruankao_desktop.core.errors import InvalidInput, UsageError
from ruankao_desktop.core.services.backup import BackupService
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.importing import ImportService
from ruankao_desktop.core.services.lookup import Filters, LookupService, SearchResult
from ruankao_desktop.core.services.reindex import reindex
from ruankao_desktop.core.services.search_plan import Detected
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.models import AuditEvent, Certificate, ExamSession, SearchCount, SearchKey
from ruankao_desktop.core.store.near_miss import Edit
from tests.core.importing.builders import ListRow, write_csv
from tests.core.store.search_truth import wrong_counts
from tests.engines import sqlite_only
from tests.helpers import TEST_ACTOR, TODAY

NAMES = (
    "王芳",
    "王芳芳",
    "汪芳",
    "王小明",
    "张伟",
    "单雄信",
    "曾国藩",
    "解缙",
    "区瑞强",
    "仇英",
    "查良镛",
    "朴树",
    "盖聂",
    "尉迟恭",
    "吕布",
    "欧阳娜娜",
    "司马光",
    "买买提·艾力",
)


def resident_id(serial: int) -> str:
    """A valid ID number whose last four characters differ for every serial (and never end in X)."""
    for birth in range(19900101, 19900131):
        head = f"110105{birth}{serial:03d}"
        for check in "0123456789":
            if ric.is_valid(head + check):
                return head + check
    raise AssertionError(serial)


def rows_of(names: tuple[str, ...], *, start: int = 1) -> list[ListRow]:
    qualifications = ("软件设计师", "网络工程师", "系统分析师")
    return [
        ListRow(
            name=name,
            id_number=resident_id(start + index),
            cert_no=f"C2611{start + index:07d}",
            management_no=f"2026111{start + index:09d}",
            qualification=qualifications[index % len(qualifications)],
        )
        for index, name in enumerate(names)
    ]


ROWS = rows_of(NAMES)
BY_NAME = {row.name: row for row in ROWS}


def import_rows(
    centre: Centre, path: Path, rows: list[ListRow], *, accept_identity_changes: bool = False
) -> None:
    service = ImportService(centre.settings, today=lambda: TODAY)
    service.run(write_csv(path, rows), actor=TEST_ACTOR, accept_identity_changes=accept_identity_changes)


@pytest.fixture
def people(empty_centre: Centre, tmp_path: Path) -> Centre:
    import_rows(empty_centre, tmp_path / "名单.csv", ROWS)
    return empty_centre


def search(centre: Centre, query: str, **options: object) -> SearchResult:
    return LookupService(centre.settings, today=lambda: TODAY).search(query, **options)  # type: ignore[arg-type]


def names(result: SearchResult) -> list[str]:
    return [hit.summary.name for hit in result.hits]


def forms(result: SearchResult) -> dict[str, tuple[str, str]]:
    return {hit.summary.name: (hit.matched.field, hit.matched.form) for hit in result.hits}


# Names ------------------------------------------------------------------------------------------------------


def test_a_surname_alone_finds_everyone_with_it_and_no_one_else(people: Centre) -> None:
    result = search(people, "王")
    assert sorted(names(result)) == ["王小明", "王芳", "王芳芳"]
    assert result.detected is Detected.NAME
    assert set(forms(result).values()) == {("name", "surname")}
    assert result.total == 3


@pytest.mark.parametrize(("typed", "name"), [("欧阳", "欧阳娜娜"), ("司马", "司马光"), ("尉迟", "尉迟恭")])
def test_a_compound_surname_is_a_surname(people: Centre, typed: str, name: str) -> None:
    assert forms(search(people, typed)) == {name: ("name", "surname")}


def test_a_full_name_comes_first_then_names_starting_with_it(people: Centre) -> None:
    result = search(people, "王芳")
    assert names(result) == ["王芳", "王芳芳"]
    assert forms(result) == {"王芳": ("name", "exact"), "王芳芳": ("name", "prefix")}


@pytest.mark.parametrize(
    "typed", ["买买提·艾力", "买买提艾力", "买买提.艾力", "买买提・艾力", " 买买提 · 艾力 "]
)
def test_a_minority_name_with_or_without_its_dot(people: Centre, typed: str) -> None:
    assert names(search(people, typed)) == ["买买提·艾力"]


@pytest.mark.parametrize(
    ("typed", "first", "also"),
    [
        ("wangfang", {"王芳", "汪芳"}, {"王芳芳"}),
        ("Wang Fang", {"王芳", "汪芳"}, {"王芳芳"}),
        ("WANGFANG", {"王芳", "汪芳"}, {"王芳芳"}),
        ("wang", set(), {"王芳", "汪芳", "王小明", "王芳芳"}),
        ("wangf", set(), {"王芳", "汪芳", "王芳芳"}),
        ("wang f", set(), {"王芳", "汪芳", "王芳芳"}),
        ("wf", set(), {"王芳", "汪芳", "王芳芳"}),
        ("wxm", set(), {"王小明"}),
        ("oynn", set(), {"欧阳娜娜"}),
    ],
)
def test_pinyin_full_partial_and_initials(
    people: Centre, typed: str, first: set[str], also: set[str]
) -> None:
    result = search(people, typed)
    found = names(result)
    assert set(found) == first | also
    assert set(found[: len(first)]) == first  # the full pinyin ranks before partial matches
    assert result.detected is Detected.PINYIN


def test_the_form_of_a_pinyin_match_is_told(people: Centre) -> None:
    assert forms(search(people, "wangfang"))["王芳"] == ("pinyin", "full")
    assert forms(search(people, "wangf"))["王芳"] == ("pinyin", "partial")
    assert forms(search(people, "wf"))["王芳"] == ("initials", "initials")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("王f", {"王芳", "王芳芳"}),  # not 汪芳: the character typed must be the name's
        ("王fang", {"王芳", "王芳芳"}),
        ("w芳", {"王芳", "汪芳", "王芳芳"}),  # w, then a given name starting with 芳
        ("wang芳", {"王芳", "汪芳", "王芳芳"}),  # a syllable in full, then a character
        ("w小", {"王小明"}),
        ("王xm", {"王小明"}),
        ("王xiaom", {"王小明"}),
        ("欧阳n", {"欧阳娜娜"}),  # a compound surname and the given name's letters
        ("oy娜", {"欧阳娜娜"}),  # its initials and the given name's characters
        ("欧y", {"欧阳娜娜"}),  # the start of a compound surname, then letters: spelled out
        ("欧n", set()),  # not 欧阳: its second syllable is yang
        ("wx明", {"王小明"}),  # initials, then a character: checked syllable by syllable
        ("王x明", {"王小明"}),
        ("s雄", {"单雄信"}),  # each reading of the surname
        ("d雄", {"单雄信"}),
    ],
)
def test_characters_and_pinyin_mixed(people: Centre, typed: str, expected: set[str]) -> None:
    result = search(people, typed)
    assert set(names(result)) == expected
    assert result.detected is Detected.MIXED


@pytest.mark.parametrize(
    ("readings", "name"),
    [
        (("shan", "dan"), "单雄信"),
        (("zeng", "ceng"), "曾国藩"),
        (("xie", "jie"), "解缙"),
        (("ouruiqiang", "quruiqiang"), "区瑞强"),
        (("qiu", "chou"), "仇英"),
        (("zha", "cha"), "查良镛"),
        (("piao", "pu"), "朴树"),
        (("ge", "gai"), "盖聂"),
        (("yuchi", "weichi"), "尉迟恭"),
    ],
)
def test_a_surname_with_several_readings_is_found_by_each(
    people: Centre, readings: tuple[str, str], name: str
) -> None:
    for reading in readings:
        assert name in names(search(people, reading)), reading


def test_a_character_typed_after_letters_must_be_the_names_own(people: Centre, tmp_path: Path) -> None:
    import_rows(people, tmp_path / "homophones.csv", rows_of(("邹欢", "张华", "王方"), start=60))
    assert names(search(people, "z华")) == ["张华"]  # not 邹欢: 欢 is huan, 华 was typed
    assert sorted(names(search(people, "w芳"))) == ["汪芳", "王芳", "王芳芳"]  # not 王方
    assert search(people, "z华").total == 1


def test_letters_then_characters_need_each_character_at_its_place(people: Centre, tmp_path: Path) -> None:
    import_rows(
        people, tmp_path / "initials.csv", rows_of(("王小敏", "吴晓明", "王明", "魏小明明"), start=60)
    )
    assert set(names(search(people, "wx明"))) == {"王小明", "吴晓明", "魏小明明"}  # not 王小敏, not 王明
    assert set(forms(search(people, "wx明")).values()) == {("pinyin", "mixed")}  # their current names
    assert names(search(people, "wx敏")) == ["王小敏"]
    assert set(names(search(people, "w小明"))) == {"王小明", "魏小明明"}
    assert set(names(search(people, "wxm明"))) == {"魏小明明"}
    assert search(people, "wx明").total == 3


@pytest.mark.parametrize("typed", ["lvbu", "lubu", "lü bu", "LÜBU", "lb"])
def test_u_umlaut_typed_as_v_or_u(people: Centre, typed: str) -> None:
    assert "吕布" in names(search(people, typed))


# ID numbers -------------------------------------------------------------------------------------------------


def test_the_last_four_to_six_characters_of_an_id_number(people: Centre) -> None:
    number = BY_NAME["王芳"].id_number
    for length in (4, 5, 6):
        result = search(people, number[-length:])
        assert names(result) == ["王芳"], length
        assert forms(result) == {"王芳": ("id_number", "tail")}


@pytest.mark.parametrize("order", ["{surname} {tail}", "{tail} {name}", "{initials} {tail6}"])
def test_an_id_tail_with_a_name_in_either_order(people: Centre, order: str) -> None:
    number = BY_NAME["王芳"].id_number
    typed = order.format(surname="王", name="王芳", initials="wf", tail=number[-4:], tail6=number[-6:])
    result = search(people, typed)
    assert names(result) == ["王芳"]
    assert result.detected is Detected.COMBINED


def test_the_middle_of_an_id_number_finds_nobody(people: Centre) -> None:
    number = BY_NAME["王芳"].id_number
    for middle in (number[6:12], number[8:12], number[10:16]):
        assert "王芳" not in names(search(people, middle)), middle


def test_a_tail_and_another_name_find_nobody(people: Centre) -> None:
    assert search(people, f"张 {BY_NAME['王芳'].id_number[-4:]}").hits == ()


# Official numbers -------------------------------------------------------------------------------------------


def test_a_number_typed_whole_is_an_exact_hit_naming_its_holder(people: Centre) -> None:
    row = BY_NAME["曾国藩"]
    for typed, field in (
        (row.cert_no, "cert_no"),
        (row.management_no, "management_no"),
        (row.id_number, "id_number"),
    ):
        result = search(people, typed)
        assert forms(result) == {"曾国藩": (field, "exact")}
        assert result.suggestions == ()


def test_the_start_of_a_number_of_six_characters_or_more(people: Centre) -> None:
    result = search(people, "C2611000000")
    assert result.total == 9  # C2611000000 1…9
    assert set(forms(result).values()) == {("cert_no", "prefix")}
    assert search(people, "C2611").total == 0  # five characters are too few to be the start of one


@pytest.mark.parametrize(
    ("damage", "edit"),
    [
        (lambda n: n[:6] + "9" + n[7:], Edit.WRONG),
        (lambda n: n[:6] + n[7:], Edit.MISSING),
        (lambda n: n[:6] + "7" + n[6:], Edit.EXTRA),
        (lambda n: n[:4] + n[5] + n[4] + n[6:], Edit.SWAPPED),
    ],
)
def test_a_mistyped_number_is_suggested_never_a_hit(people: Centre, damage: object, edit: Edit) -> None:
    row = BY_NAME["曾国藩"]
    typed = damage(row.cert_no)  # type: ignore[operator]
    assert not Certificate.select().where(Certificate.cert_no == typed).exists()
    result = search(people, typed)
    assert result.hits == ()
    suggested = {s.summary.cert_no: s for s in result.suggestions}
    assert suggested[row.cert_no].edit is edit
    assert suggested[row.cert_no].summary.name == "曾国藩"
    assert "曾国藩" in suggested[row.cert_no].reason()
    assert "您是不是要找" in suggested[row.cert_no].reason()


# Several words, filters, former identities ------------------------------------------------------------------


def test_several_words_are_anded_with_session_and_qualification(people: Centre) -> None:
    session = ExamSession.get()
    result = search(people, f"王 {session.code} 软件设计师")
    expected = [row.name for row in ROWS if row.name.startswith("王") and row.qualification == "软件设计师"]
    assert sorted(names(result)) == sorted(expected)
    assert all(hit.summary.qualification == "软件设计师" for hit in result.hits)
    assert search(people, "王 2019H1").hits == ()


def test_filters_narrow_any_query(people: Centre) -> None:
    own = Certificate.get(Certificate.cert_no == BY_NAME["张伟"].cert_no).qualification
    other = Certificate.get(Certificate.cert_no == BY_NAME["王芳"].cert_no).qualification
    assert own.id != other.id
    result = search(people, "wang", filters=Filters(qualification_ids=(other.id,)))
    assert names(result) and all(hit.summary.qualification == other.name for hit in result.hits)
    number = BY_NAME["张伟"].id_number
    assert names(search(people, number, filters=Filters(qualification_ids=(own.id,)))) == ["张伟"]
    assert search(people, number, filters=Filters(qualification_ids=(other.id,))).hits == ()


def test_former_names_and_numbers_in_every_form(people: Centre, tmp_path: Path) -> None:
    renamed = replace(
        BY_NAME["王小明"], name="李小明", cert_no="C261100000099", management_no="2026111000000099"
    )
    new_number = resident_id(98)
    moved = replace(BY_NAME["张伟"], id_number=new_number)  # the same certificate: a new ID number
    import_rows(people, tmp_path / "更正.csv", [renamed, moved], accept_identity_changes=True)
    assert wrong_counts(db.obj) == []
    assert search(people, "王").total == 4 and search(people, "李").total == 2  # each counted once
    assert forms(search(people, "王小明"))["李小明"] == ("former_name", "exact")
    assert forms(search(people, "wangxiaoming"))["李小明"] == ("former_name", "full")
    assert forms(search(people, "王x"))["李小明"] == ("former_name", "mixed")
    assert forms(search(people, "wx明"))["李小明"] == ("former_name", "mixed")
    assert "李小明" not in names(search(people, "lx敏"))
    assert forms(search(people, "lxm"))["李小明"] == ("initials", "initials")
    old_number = BY_NAME["张伟"].id_number
    assert forms(search(people, old_number))["张伟"] == ("former_id_number", "exact")
    assert forms(search(people, old_number[-4:]))["张伟"] == ("former_id_number", "tail")
    assert forms(search(people, new_number[-4:]))["张伟"] == ("id_number", "tail")


def test_a_certificate_found_by_its_name_and_a_former_one_is_counted_once(
    people: Centre, tmp_path: Path
) -> None:
    renamed = replace(BY_NAME["王小明"], name="王小敏")  # both names are 王x…
    import_rows(people, tmp_path / "更名.csv", [renamed], accept_identity_changes=True)
    service = LookupService(people.settings, today=lambda: TODAY)
    result = service.search("王x")
    assert names(result) == ["王小敏"]
    assert result.total == len(service.more("王x").ids) == 1


# Ranking, totals, counts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["w", "wang芳", "wx明"])  # a key range; names checked; a LIKE on keys
def test_the_first_page_the_total_and_the_counts_agree_with_every_id(
    people: Centre, tmp_path: Path, typed: str
) -> None:
    import_rows(people, tmp_path / "more.csv", rows_of(("王芳", "汪芳", "吴晓明", "王小明"), start=60))
    service = LookupService(people.settings, today=lambda: TODAY)
    first = service.search(typed, limit=2)
    more = service.more(typed)
    assert first.total == len(more.ids) > 2
    assert first.ids == more.ids[:2]
    assert first.truncated
    assert sum(more.counts_by_state.values()) == first.total
    assert first.counts_by_state == more.counts_by_state
    assert [hit.summary.certificate_id for hit in service.hits(typed, more.ids)] == list(more.ids)


# Hostile input ----------------------------------------------------------------------------------------------

HOSTILE = [
    "'; DROP TABLE certificate; --",
    "王' OR '1'='1",
    '"王"',
    "*",
    "%",
    "_",
    "王%",
    "w_",
    "NEAR(王 芳)",
    "wang OR fang",
    "a AND b",
    "1" * 10_000,
    "王" * 1_000_000,
    "\x00王芳",
    "王\x00芳",
    "\u200b王芳\u200b",
    "\u202e王芳",
    "王芳😀",
    "😀",
    "\ud800",
    "\u200b\u200b",
    "\t\n",
    "王 " * 50,
    "SELECT * FROM holder",
]


@pytest.mark.parametrize("typed", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_gives_results_or_a_message_and_never_a_wrong_hit(people: Centre, typed: str) -> None:
    keys, events = SearchKey.select().count(), AuditEvent.select().count()
    try:
        result = search(people, typed)
    except UsageError as problem:
        assert problem.message()
        return
    if result.problem is not None:
        assert isinstance(result.problem, InvalidInput)
        assert result.problem.message() and result.hints
    for name in names(result):
        assert name in ("王芳", "王芳芳")  # only what the visible characters ask for
    assert (SearchKey.select().count(), AuditEvent.select().count()) == (keys, events)


def test_invisible_characters_are_dropped_before_searching(people: Centre) -> None:
    assert names(search(people, "\u200b王芳\u200b")) == ["王芳", "王芳芳"]
    assert names(search(people, "\x00王芳")) == ["王芳", "王芳芳"]


# Keys kept right --------------------------------------------------------------------------------------------


def test_an_import_and_a_reindex_keep_the_keys(people: Centre, tmp_path: Path) -> None:
    import_rows(people, tmp_path / "more.csv", rows_of(("周杰伦", "周星驰"), start=50))
    assert names(search(people, "zjl")) == ["周杰伦"]
    assert search(people, "周").total == 2 and wrong_counts(db.obj) == []
    SearchKey.delete().execute()
    SearchCount.delete().execute()
    assert search(people, "wxm").hits == () and search(people, "王").total == 0
    done = reindex(TEST_ACTOR)
    assert done.certificates == len(ROWS) + 2
    assert done.keys == SearchKey.select().count() > len(ROWS)
    assert names(search(people, "wxm")) == ["王小明"] and names(search(people, "zjl")) == ["周杰伦"]
    assert search(people, "王").total == 3 and wrong_counts(db.obj) == []
    assert AuditEvent.select().order_by(AuditEvent.id.desc()).get().action == "db.reindex"


@sqlite_only("`db backup` and `restore` copy the SQLite file; a server is backed up with pg_dump")
def test_a_restore_brings_back_the_keys_of_its_time(people: Centre, tmp_path: Path) -> None:
    backup = tmp_path / "before.db"
    BackupService(people.opened).backup(backup, TEST_ACTOR)
    import_rows(people, tmp_path / "more.csv", rows_of(("周杰伦", "周星驰"), start=50))
    assert names(search(people, "zjl")) == ["周杰伦"]
    BackupService(people.opened).restore(backup, TEST_ACTOR)
    assert search(people, "zjl").hits == () and search(people, "周").total == 0
    assert names(search(people, "wxm")) == ["王小明"] and wrong_counts(db.obj) == []


def test_numbers_of_any_format_are_found(empty_centre: Centre, tmp_path: Path) -> None:
    odd = [
        replace(rows_of(("钱七",))[0], cert_no="2025-RK/000123", management_no="M000000005029"),
    ]
    import_rows(empty_centre, tmp_path / "odd.csv", odd)
    assert forms(search(empty_centre, "M000000005029")) == {"钱七": ("management_no", "exact")}
    assert forms(search(empty_centre, "2025-rk/000123")) == {"钱七": ("cert_no", "exact")}


# The kiosk's strict match -----------------------------------------------------------------------------------


def test_strict_match_needs_the_full_id_and_the_full_name_or_the_number(people: Centre) -> None:
    service = LookupService(people.settings, today=lambda: TODAY)
    row = BY_NAME["王芳"]
    [found] = service.strict_match(id_number=row.id_number, name=" 王 芳 ")
    assert found.cert_no == row.cert_no
    assert [
        s.cert_no for s in service.strict_match(id_number=row.id_number.lower(), cert_no=row.cert_no)
    ] == [row.cert_no]
    assert service.strict_match(id_number=row.id_number, name="王") == ()
    assert service.strict_match(id_number=row.id_number, name="王芳芳") == ()
    assert service.strict_match(id_number=row.id_number, cert_no=BY_NAME["汪芳"].cert_no) == ()
    assert service.strict_match(id_number=BY_NAME["汪芳"].id_number, name="王芳") == ()
    with pytest.raises(InvalidInput):
        service.strict_match(id_number=row.id_number[-6:], name="王芳")
    with pytest.raises(InvalidInput) as caught:
        service.strict_match(id_number=row.id_number)
    assert caught.value.message() == "请同时输入身份证号和姓名（或身份证号和证书编号）。"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Kim Min-jun", ["Kim Min-jun"]),
        ("kim minjun", ["Kim Min-jun"]),
        ("KimMinJun", ["Kim Min-jun"]),
        ("km", ["Kim Min", "Kim Min-jun"]),  # a hyphenated given name is one word
        ("kim m", ["Kim Min", "Kim Min-jun"]),
    ],
)
def test_a_latin_name_with_a_hyphen(
    empty_centre: Centre, tmp_path: Path, typed: str, found: list[str]
) -> None:
    import_rows(empty_centre, tmp_path / "latin.csv", rows_of(("Kim Min-jun", "Kim Min")))
    assert sorted(names(search(empty_centre, typed))) == found
