"""Clues in typed and ordered answers: a fill question's accepted answers, an order's steps."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from generator.course import model
from generator.messages import say
from generator.tools.lint.report import Clue

_CJK = r"[\u4e00-\u9fff]"
_DE = re.compile(rf"(?<={_CJK})的(?={_CJK})")  # 售后的流程 / 售后流程
_DIGITS = "零一二三四五六七八九"
# A number alone or with a short unit (7, 七天, 15 分钟): other numbers are part of a name.
_NUMBER = re.compile(r"^(\d{1,2}|[零一二两三四五六七八九十]{1,3})(\s*)(\D{0,2})$")

_FIRST = re.compile(r"^(?:首先|第一步|一开始|开始时|起初|先(?!生))")
_LAST = re.compile(r"^(?:最后|最终|结束时|收尾时)")
_THEN = re.compile(r"^(?:然后|接着|其次|随后|之后|再次)")
_ORDINAL = re.compile(r"^第([一二三四五六七八九十]|\d{1,2})(?:步|阶段|环节)?")
_MARKUP = re.compile(r"^[\s*_`]+")


def answer_findings(q: model.AnyQuestion) -> Iterator[Clue]:
    yield from _fill_variants(q)
    yield from _order_hints(q)


def variants(answer: str) -> list[str]:
    """Ways a trainee may type ``answer``; the caller keeps those that folding does not cover
    (it already drops spaces and the punctuation at either end)."""
    found = [
        "".join(c for c in answer if not unicodedata.category(c).startswith("P")).strip(),
        _DE.sub("", answer),
    ]
    if match := _NUMBER.match(answer):
        number, space, unit = match.groups()
        other = _chinese(int(number)) if number.isdigit() else _arabic(number)
        if other is not None:
            found.append(f"{other}{space if other.isdigit() else ''}{unit}")
    return [v for v in dict.fromkeys(found) if v and v != answer]


def _chinese(number: int) -> str:
    """0–99 in Chinese numerals: 7 -> 七, 15 -> 十五, 30 -> 三十."""
    tens, ones = divmod(number, 10)
    if not tens:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def _arabic(numeral: str) -> str | None:
    """七 -> 7, 十五 -> 15, 两 -> 2; None for what is not a number below 100."""
    values = [2 if c == "两" else 10 if c == "十" else _DIGITS.index(c) for c in numeral]
    if 10 not in values:
        return str(values[0]) if len(values) == 1 else None
    at = values.index(10)
    tens = values[:at] or [1]
    ones = values[at + 1 :] or [0]
    if len(tens) > 1 or len(ones) > 1 or 10 in tens + ones:
        return None
    return str(tens[0] * 10 + ones[0])


def _fill_variants(q: model.AnyQuestion) -> Iterator[Clue]:
    if not isinstance(q, model.FillQuestion):
        return
    accepted = {model.fold(a) for a in q.answer}
    missing = [v for a in q.answer for v in variants(a) if model.fold(v) not in accepted]
    if missing:
        shown = "、".join(f"“{v}”" for v in dict.fromkeys(missing))
        yield Clue(("answer",), "fill-variant", say("lint.fill-variant", variants=shown))


def _order_hints(q: model.AnyQuestion) -> Iterator[Clue]:
    if not isinstance(q, model.OrderQuestion):
        return
    last = len(q.answer) - 1
    for position, key in enumerate(q.answer):
        text = _MARKUP.sub("", q.options[key].text)
        if hint := _hint(text, position, last):
            yield Clue(
                ("options", key),
                "order-hint",
                say("lint.order-hint", option=key, hint=hint, step=position + 1),
            )


def _hint(text: str, position: int, last: int) -> str | None:
    """The opening words that give away ``position``, if they do."""
    for pattern, fits in (
        (_FIRST, position == 0),
        (_LAST, position == last),
        (_THEN, position > 0),
    ):
        if fits and (match := pattern.match(text)):
            return match.group(0)
    if (match := _ORDINAL.match(text)) and _ordinal(match.group(1)) == position + 1:
        return match.group(0)
    return None


def _ordinal(numeral: str) -> int | None:
    if numeral.isdigit():
        return int(numeral)
    arabic = _arabic(numeral)
    return int(arabic) if arabic is not None else None
