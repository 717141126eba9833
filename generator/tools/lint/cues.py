"""Words that tell a test-wise trainee the answer: found by counting, not from a list.

Every option of a knowledge question (single or multiple choice, not asking for a reply) is
cut into words with jieba. A word far more frequent in correct options than in wrong ones, or
the reverse, across the course, lets a trainee pick (或, 可能) or rule out (只, 就) an option
without knowing the answer. Replies are left out: there the wording is what is taught (a good
reply apologises, names a time, cites the rule), as for the absolute-clue rule.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.course import model
from generator.messages import say
from generator.tools.lint.items import asks_for_reply

CUE_RATIO = 5.0  # how many times more frequent on one side (per option, smoothed by SMOOTHING)
CUE_QUESTIONS = 8  # in at least this many questions on that side
SMOOTHING = 0.5  # added to both counts, so a word never seen on one side is not infinitely rare
SHOWN = 4  # question ids quoted in a message
_WORD = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class _Tally:
    """Where one word occurs: option counts and (unit, question index, option key) of each."""

    keys: list[tuple[str, int, str]] = field(default_factory=list)
    wrong: list[tuple[str, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Cue:
    """A word found mostly on one side; placed at its first option there."""

    unit: str
    index: int
    option: str
    message: str


def cue_findings(curriculum: model.Curriculum) -> list[Cue]:
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    options = {True: 0, False: 0}
    ids: dict[tuple[str, int], str] = {}
    cut = _cutter()
    for unit, bank in curriculum.banks.items():
        for index, q in enumerate(bank.questions):
            if not isinstance(q, model.SingleQuestion | model.MultipleQuestion) or asks_for_reply(
                q
            ):
                continue
            ids[unit, index] = q.id
            correct = set(q.correct_keys())
            for key, option in q.options.items():
                options[key in correct] += 1
                for word in {w for w in cut(model.fold(option.text)) if _WORD.search(w)}:
                    tally = tallies[word]
                    (tally.keys if key in correct else tally.wrong).append((unit, index, key))
    found = []
    for word, tally in sorted(tallies.items()):
        in_keys = (len(tally.keys) + SMOOTHING) / max(options[True], 1)
        in_wrong = (len(tally.wrong) + SMOOTHING) / max(options[False], 1)
        favoured = tally.keys if in_keys > in_wrong else tally.wrong
        questions = list(dict.fromkeys((unit, index) for unit, index, _ in favoured))
        ratio = max(in_keys / in_wrong, in_wrong / in_keys)
        if ratio < CUE_RATIO or len(questions) < CUE_QUESTIONS:
            continue
        unit, index, key = favoured[0]
        shown = ", ".join(ids[q] for q in questions[:SHOWN]) + (
            "…" if len(questions) > SHOWN else ""
        )
        message = say(
            "lint.cue-word-key" if favoured is tally.keys else "lint.cue-word-wrong",
            word=word,
            keys=len(tally.keys),
            wrong=len(tally.wrong),
            questions=shown,
        )
        found.append(Cue(unit, index, key, message))
    return found


def _cutter() -> Callable[[str], list[str]]:
    """jieba's word cutter, imported when a lint runs (it loads its dictionary then)."""
    import jieba  # noqa: PLC0415 - a second or so to load: only lint needs it

    jieba.setLogLevel(logging.WARNING)
    cut: Callable[[str], list[str]] = jieba.lcut
    return cut
