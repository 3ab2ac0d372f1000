"""Verification codes printed on certificate copies: 16 upper-case characters, easy to read aloud and type.

The alphabet is Crockford's base 32 (no I, L, O or U), so a code read over the phone or typed from paper
survives the usual confusions: `normalise_code` maps O→0 and I/L→1 and drops spaces and hyphens.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_]+")
_CODE = re.compile(f"[{ALPHABET}]{{{LENGTH}}}")


def new_code() -> str:
    """A fresh random code (80 bits of randomness)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(text: str) -> str:
    """What a person typed, as the code it most likely is (upper case, no separators, O→0, I/L→1)."""
    compact = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    return compact.translate(_CONFUSABLE)


def looks_like_code(text: str) -> bool:
    return _CODE.fullmatch(normalise_code(text)) is not None


def format_code(code: str) -> str:
    """Grouped by four for reading: `7KQ2-M9XD-…`."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
