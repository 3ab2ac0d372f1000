"""Masking of ID numbers and names for display (`core.domain.masking`).

Covers the default policies per surface (staff 前6后4, kiosk stricter with names as 张*), the
"HEAD+TAIL" notation of the configuration file, short identifiers that must never be shown whole, and
hypothesis properties: length is preserved, at most max(len − 8, len // 2) characters are visible, head
and tail follow the policy, a masked name keeps its first character, its length and its separators.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ruankao_desktop.core.domain.masking import (
    DEFAULT_POLICIES,
    MASK_CHAR,
    NAME_SEPARATOR,
    STAFF_POLICY,
    MaskPolicy,
    Surface,
    mask_id,
    mask_name,
)

KIOSK = DEFAULT_POLICIES[Surface.KIOSK]
ID = "110105199003071239"


def visible(budget_of: str) -> int:
    """How many characters of `budget_of` may be shown at most."""
    return max(len(budget_of) - 8, len(budget_of) // 2)


# ---------------------------------------------------------------------------------------------------------
# Policies


def test_default_policies() -> None:
    expected = {
        Surface.STAFF: MaskPolicy(6, 4, mask_names=False),
        Surface.KIOSK: MaskPolicy(3, 2, mask_names=True),
        Surface.PRINT: MaskPolicy(6, 4, mask_names=False),
        Surface.EXPORT: MaskPolicy(6, 4, mask_names=False),
    }
    assert expected == DEFAULT_POLICIES
    assert (STAFF_POLICY.id_head, STAFF_POLICY.id_tail, STAFF_POLICY.mask_names) == (6, 4, False)


def test_kiosk_shows_less_than_staff() -> None:
    assert KIOSK.id_head + KIOSK.id_tail < STAFF_POLICY.id_head + STAFF_POLICY.id_tail
    assert KIOSK.mask_names
    assert not STAFF_POLICY.mask_names


@pytest.mark.parametrize(
    ("spec", "policy"),
    [
        ("6+4", MaskPolicy(6, 4)),
        (" 3+2 ", MaskPolicy(3, 2)),
        ("0+0", MaskPolicy(0, 0)),
        ("10+12", MaskPolicy(10, 12)),
    ],
)
def test_parse_policy(spec: str, policy: MaskPolicy) -> None:
    assert MaskPolicy.parse(spec) == policy


def test_parse_policy_keeps_name_masking() -> None:
    assert MaskPolicy.parse("3+2", mask_names=True) == MaskPolicy(3, 2, mask_names=True)


@pytest.mark.parametrize("spec", ["6-4", "6+", "+4", "a+b", "6 + 4", "", "-1+4"])
def test_parse_policy_rejects_other_notations(spec: str) -> None:
    with pytest.raises(ValueError, match="6\\+4"):
        MaskPolicy.parse(spec)


# ---------------------------------------------------------------------------------------------------------
# mask_id examples


def test_staff_shows_first_six_and_last_four() -> None:
    assert mask_id(ID, STAFF_POLICY) == "110105********1239"


def test_kiosk_shows_first_three_and_last_two() -> None:
    assert mask_id(ID, KIOSK) == "110*************39"


def test_check_character_x_is_shown_in_the_tail() -> None:
    assert mask_id("11010519900307101X", STAFF_POLICY) == "110105********101X"


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("E12345678", "E1*****78"),  # 9 characters: only 4 may show
        ("H12345678", "H1*****78"),
        ("12345678", "12****78"),
        ("AB-12", "A***2"),
        ("AB", "A*"),
        ("A", "*"),
        ("", ""),
    ],
)
def test_short_identifiers_are_never_shown_whole(value: str, masked: str) -> None:
    assert mask_id(value, STAFF_POLICY) == masked


def test_a_policy_showing_everything_still_hides_eight_characters() -> None:
    assert mask_id(ID, MaskPolicy(18, 18)) == "11010********71239"


def test_zero_policy_hides_everything() -> None:
    assert mask_id(ID, MaskPolicy(0, 0)) == MASK_CHAR * 18


# ---------------------------------------------------------------------------------------------------------
# mask_name examples


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张伟", "张*"),
        ("欧阳娜娜", "欧***"),
        ("张", "张"),
        ("", ""),
        ("买买提·艾力", "买**·**"),
        ("𠮷伟", "𠮷*"),
        ("Zhang Wei", "Z********"),
    ],
)
def test_kiosk_masks_names(name: str, masked: str) -> None:
    assert mask_name(name, KIOSK) == masked


def test_staff_shows_names_whole() -> None:
    assert mask_name("欧阳娜娜", STAFF_POLICY) == "欧阳娜娜"


# ---------------------------------------------------------------------------------------------------------
# Properties

IDENTIFIERS = st.text(alphabet="0123456789ABCDEFGHJKLMNPQRSTUVWXYZ-", max_size=40)
SPANS = st.integers(min_value=0, max_value=25)
POLICIES = st.builds(MaskPolicy, SPANS, SPANS)


@given(IDENTIFIERS, POLICIES)
def test_mask_id_preserves_length(value: str, policy: MaskPolicy) -> None:
    assert len(mask_id(value, policy)) == len(value)


@given(IDENTIFIERS, POLICIES)
def test_mask_id_never_shows_more_than_the_budget(value: str, policy: MaskPolicy) -> None:
    masked = mask_id(value, policy)
    shown = sum(1 for c in masked if c != MASK_CHAR)
    assert shown <= visible(value)
    if len(value) >= 2:
        assert masked != value


@given(IDENTIFIERS, POLICIES)
def test_mask_id_shows_only_a_head_and_a_tail(value: str, policy: MaskPolicy) -> None:
    if not value:
        return
    masked = mask_id(value, policy)
    head = next((i for i, c in enumerate(masked) if c == MASK_CHAR), len(masked))
    tail_start = len(masked) - next((i for i, c in enumerate(reversed(masked)) if c == MASK_CHAR), 0)
    assert head <= policy.id_head
    assert len(masked) - tail_start <= policy.id_tail
    assert masked[:head] == value[:head]
    assert masked[tail_start:] == value[tail_start:]
    assert set(masked[head:tail_start]) <= {MASK_CHAR}


@given(IDENTIFIERS, POLICIES)
def test_mask_id_keeps_head_and_tail_as_the_policy_says_when_within_budget(
    value: str, policy: MaskPolicy
) -> None:
    if policy.id_head + policy.id_tail > visible(value):
        return
    masked = mask_id(value, policy)
    hidden = len(value) - policy.id_head - policy.id_tail
    assert masked == value[: policy.id_head] + MASK_CHAR * hidden + value[len(value) - policy.id_tail :]


@given(st.text(alphabet="0123456789", min_size=18, max_size=18))
def test_staff_policy_on_any_eighteen_digits(value: str) -> None:
    assert mask_id(value, STAFF_POLICY) == value[:6] + "********" + value[-4:]


@given(st.text(min_size=1, max_size=60))
def test_mask_name_keeps_first_character_length_and_separators(name: str) -> None:
    masked = mask_name(name, KIOSK)
    assert len(masked) == len(name)
    assert masked[0] == name[0]
    for original, shown in zip(name[1:], masked[1:], strict=True):
        assert shown == (NAME_SEPARATOR if original == NAME_SEPARATOR else MASK_CHAR)


@given(st.text(max_size=60))
def test_mask_name_without_name_masking_is_identity(name: str) -> None:
    assert mask_name(name, STAFF_POLICY) == name


def test_one_phone_rule_for_screens_and_reports() -> None:
    from ruankao_desktop.core.domain.masking import mask_phone

    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("138 0013 8000") == "138****8000"
    assert mask_phone("62345678") == "****5678"
    assert mask_phone("1234567") == "*******"
    assert mask_phone("") == ""
