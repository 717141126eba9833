"""Patterns across questions that a test-wise trainee learns: where keys sit, how long they
are, which way true/false goes, how many boxes to tick. Each is judged in every bank and in the
whole course; a course-wide finding is placed in the bank that adds most to it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from generator.course import model
from generator.messages import say
from generator.tools.lint.items import ONE_KEY

MIN_ALL_ONE_WAY = 3  # from this many true/false questions, all with one answer is a pattern
MIN_SKEWED = 10  # from this many, a share above TRUEFALSE_SHARE is one
TRUEFALSE_SHARE = 0.7
MIN_MULTIPLE = 4  # multiple-choice questions a scope needs before their key counts are judged
MIN_KEYS_FOR_BALANCE = 4  # single/scenario questions a bank needs before key positions are judged
MIN_COURSE_KEYS = 20  # … and the course, judged more finely since it has more of them
POSITION_SHARE = 0.5  # a bank: more than half the keys in one position
COURSE_POSITION_SHARE = 0.4  # the course: 40 % where chance gives 25 % (four options)
LONGEST_SHARE = 0.5  # a bank: the key is the longest option in more than half its questions
COURSE_LONGEST_SHARE = 0.35  # the course: 35 % where chance gives about 25 %
VISIBLY_LONGER = 1.05  # a key counts as the longest from 5 % longer: a character or two is not seen


@dataclass(frozen=True)
class Item:
    """One question of a scope, with the bank it is in."""

    unit: str
    question: model.AnyQuestion


@dataclass(frozen=True)
class Pattern:
    """A finding of a scope, placed in ``unit``'s bank at its questions list."""

    unit: str
    rule: str
    message: str


def bank_patterns(unit: str, bank: model.QuizBank) -> list[Pattern]:
    """The patterns of one bank."""
    return _patterns([Item(unit, q) for q in bank.questions], course=False)


def course_patterns(curriculum: model.Curriculum) -> list[Pattern]:
    """The patterns of the whole course, each placed in the bank that adds most to it."""
    items = [Item(unit, q) for unit, bank in curriculum.banks.items() for q in bank.questions]
    return _patterns(items, course=True)


def _patterns(items: list[Item], *, course: bool) -> list[Pattern]:
    found = []
    for rule in (_truefalse, _multiple_count, _longest_share, _key_position):
        found += rule(course, items)
    return found


def _scope(course: bool) -> str:
    return say("lint.scope-course" if course else "lint.scope-bank")


def _most(items: list[Item], counts: Callable[[Item], bool]) -> str:
    """The bank with the most items that make the pattern."""
    return Counter(i.unit for i in items if counts(i)).most_common(1)[0][0]


def _truefalse(course: bool, items: list[Item]) -> list[Pattern]:
    answers = [i for i in items if isinstance(i.question, model.TrueFalseQuestion)]
    counts = Counter(bool(getattr(i.question, "answer", False)) for i in answers)
    if not counts:
        return []
    value, most = counts.most_common(1)[0]
    n = len(answers)
    if not (
        (n >= MIN_ALL_ONE_WAY and most == n) or (n >= MIN_SKEWED and most > n * TRUEFALSE_SHARE)
    ):
        return []
    unit = _most(answers, lambda i: getattr(i.question, "answer", None) is value)
    shown = say("lint.true" if value else "lint.false")
    message = say("lint.truefalse-balance", scope=_scope(course), count=n, most=most, value=shown)
    return [Pattern(unit, "truefalse-balance", message)]


def _multiple_count(course: bool, items: list[Item]) -> list[Pattern]:
    multiple = [
        (i, len(i.question.answer), len(i.question.options))
        for i in items
        if isinstance(i.question, model.MultipleQuestion)
    ]
    if len(multiple) < MIN_MULTIPLE:
        return []
    correct = Counter(keys for _, keys, _ in multiple)
    unit = _most([i for i, _, _ in multiple], lambda i: True)
    if len(correct) == 1:
        (keys,) = correct
        message = say(
            "lint.multiple-count-same", scope=_scope(course), count=len(multiple), keys=keys
        )
    elif all(options - keys <= 2 for _, keys, options in multiple):
        message = say("lint.multiple-count-most", scope=_scope(course), count=len(multiple))
    else:
        return []
    return [Pattern(unit, "multiple-count", message)]


def _one_key(items: list[Item]) -> list[tuple[Item, model.SingleQuestion | model.ScenarioQuestion]]:
    return [(i, i.question) for i in items if isinstance(i.question, ONE_KEY)]


def is_longest(q: model.SingleQuestion | model.ScenarioQuestion) -> bool:
    """Whether the key is visibly longer than every other option."""
    key = len(q.options[q.answer].text)
    others = max(len(o.text) for k, o in q.options.items() if k != q.answer)
    return len(q.options) >= 3 and key >= others * VISIBLY_LONGER


def _longest_share(course: bool, items: list[Item]) -> list[Pattern]:
    one_key = _one_key(items)
    least, share = (
        (MIN_COURSE_KEYS, COURSE_LONGEST_SHARE) if course else (MIN_KEYS_FOR_BALANCE, LONGEST_SHARE)
    )
    longest = [i for i, q in one_key if is_longest(q)]
    if len(one_key) < least or len(longest) <= len(one_key) * share:
        return []
    unit = _most(longest, lambda i: True)
    message = say(
        "lint.longest-key-share", scope=_scope(course), count=len(one_key), longest=len(longest)
    )
    return [Pattern(unit, "longest-key-share", message)]


def _key_position(course: bool, items: list[Item]) -> list[Pattern]:
    """Keys gathered on one position: a bank or the course (single/scenario questions)."""
    one_key = _one_key(items)
    least, share = (
        (MIN_COURSE_KEYS, COURSE_POSITION_SHARE)
        if course
        else (MIN_KEYS_FOR_BALANCE, POSITION_SHARE)
    )
    positions = [list(q.options).index(q.answer) for _, q in one_key]
    if len(positions) < least:
        return []
    counts = Counter(positions)
    position, most = counts.most_common(1)[0]
    if most <= len(positions) * share:
        return []
    widest = max(len(q.options) for _, q in one_key)
    spread = ", ".join(f"{model.option_letter(p)} {counts[p]}" for p in range(widest))
    unit = _most(
        [i for i, q in one_key if list(q.options).index(q.answer) == position], lambda i: True
    )
    message = say(
        "lint.key-position",
        scope=_scope(course),
        count=len(positions),
        most=most,
        letter=model.option_letter(position),
        spread=spread,
    )
    return [Pattern(unit, "key-position", message)]
