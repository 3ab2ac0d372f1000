"""Realistic, deterministic people for the demo database: names and valid ID numbers.

Names come from Faker's zh_CN lists (weighted surnames, given names), with 复姓, minority
names joined by "·" and rare characters from CJK Extensions A and B mixed in, because those are exactly
the cases that break software. ID numbers use real county codes and a correct check character.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from faker.providers.person.zh_CN import Provider as ZhPersonProvider
from stdnum import numdb
from stdnum.cn import ric

from ruankao_desktop.core.domain.ids import IdType

COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "长孙",
    "夏侯",
)
# Minority names as they appear on ID cards: given name · father's name (Uyghur, Kazakh and others).
MINORITY_PARTS = (
    "阿依古丽",
    "买买提",
    "热依拉",
    "艾尔肯",
    "古丽娜尔",
    "吐尔逊",
    "迪丽努尔",
    "努尔兰",
    "阿不都",
    "克里木",
    "帕提古丽",
    "依力哈木",
    "巴合提",
    "加娜尔",
    "扎西",
    "次仁",
    "卓玛",
    "达瓦",
)
# Real name characters outside the everyday set: Extension A (䶮 as in 刘䶮, 㛃, 㼆) and Extension B.
RARE_CHARACTERS = ("䶮", "㛃", "㼆", "𠮷", "𡒄", "𨚕", "𪚥", "𤆬", "𠇔")
FOREIGN_NAMES = ("John Smith", "Maria Garcia", "Kim Min-jun", "Nguyen Van An", "Anna Müller", "Sato Yuki")


@dataclass(frozen=True)
class Person:
    name: str
    id_type: IdType
    id_number: str
    birth_date: date | None
    gender: str | None
    phone: str


class _County(NamedTuple):
    """A county in python-stdnum's region table: the year it was created (0 when older than the table)
    and its six-digit code."""

    since: int
    code: str


def _county_codes() -> list[_County]:
    """The counties that exist today, oldest first. "[-2010]崇文区" was abolished in 2010;
    "[1986-]房山区" exists since 1986."""
    codes = []
    for _, province, _, _, counties in numdb.get("cn/loc").prefixes:
        for _, county, _, props, _ in counties:
            name = props.get("county", "")
            span = name[1:].split("]")[0] if name.startswith("[") else "-"
            if county.endswith("00") or "," in name or not span.endswith("-"):
                continue
            codes.append(_County(since=int(span[:-1] or 0), code=province + county))
    return sorted(codes)


class PeopleFactory:
    """Makes distinct people from one `random.Random`; the same seed gives the same people."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        surnames = ZhPersonProvider.last_names
        self._surnames = list(surnames)
        self._surname_weights = list(surnames.values())
        self._given = list(ZhPersonProvider.first_names)
        self._counties = _county_codes()
        self._county_years = [county.since for county in self._counties]
        self._used_ids: set[str] = set()

    def reserve(self, person: Person) -> Person:
        """Use a given person, making sure no generated one gets the same ID number."""
        self._used_ids.add(person.id_number)
        return person

    def person(self) -> Person:
        roll = self._rng.random()
        if roll < 0.003:
            return self._foreigner()
        if roll < 0.006:
            return self._hmt_resident()
        return self._resident(self.chinese_name())

    def chinese_name(self) -> str:
        rng = self._rng
        roll = rng.random()
        if roll < 0.015:
            return "·".join(rng.sample(MINORITY_PARTS, 2))
        surname = (
            rng.choice(COMPOUND_SURNAMES)
            if roll < 0.035
            else rng.choices(self._surnames, self._surname_weights)[0]
        )
        given = rng.choice(self._given)
        if rng.random() < 0.005:
            given = given[:-1] + rng.choice(RARE_CHARACTERS)
        return surname + given

    def resident_id(self, *, born: date | None = None, gender: str | None = None) -> str:
        rng = self._rng
        while True:
            birth = born or date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 44))
            sequence = rng.randrange(500) * 2 + (1 if (gender or rng.choice("MF")) == "M" else 0)
            body = f"{self._county(birth.year)}{birth:%Y%m%d}{sequence:03d}"
            number = body + ric.calc_check_digit(body + "0")
            if number not in self._used_ids:
                self._used_ids.add(number)
                return number

    def _county(self, birth_year: int) -> str:
        """A county that existed in the birth year; now and then one created later, as happens to
        people who registered after a county was formed (python-stdnum then warns)."""
        existing = bisect.bisect_right(self._county_years, birth_year)
        if existing == 0 or self._rng.random() < 0.02:
            return self._rng.choice(self._counties).code
        return self._counties[self._rng.randrange(existing)].code

    def phone(self) -> str:
        return f"1{self._rng.choice('3456789')}{self._rng.randrange(10**9):09d}"

    def _resident(self, name: str) -> Person:
        number = self.resident_id()
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        return Person(
            name=name,
            id_type=IdType.RESIDENT,
            id_number=number,
            birth_date=born,
            gender="M" if int(number[16]) % 2 else "F",
            phone=self.phone(),
        )

    def _hmt_resident(self) -> Person:
        rng = self._rng
        prefix = rng.choice(("810000", "820000", "830000"))
        while True:
            birth = date(1965, 1, 1) + timedelta(days=rng.randrange(365 * 38))
            body = f"{prefix}{birth:%Y%m%d}{rng.randrange(1000):03d}"
            number = body + ric.calc_check_digit(body + "0")
            if number not in self._used_ids:
                self._used_ids.add(number)
                return Person(
                    name=self.chinese_name(),
                    id_type=IdType.HMT,
                    id_number=number,
                    birth_date=birth,
                    gender="M" if int(number[16]) % 2 else "F",
                    phone=self.phone(),
                )

    def _foreigner(self) -> Person:
        rng = self._rng
        while True:
            number = f"{rng.choice('EGPK')}{rng.randrange(10**8):08d}"
            if number not in self._used_ids:
                self._used_ids.add(number)
                return Person(
                    name=rng.choice(FOREIGN_NAMES),
                    id_type=IdType.PASSPORT,
                    id_number=number,
                    birth_date=None,
                    gender=None,
                    phone=self.phone(),
                )
