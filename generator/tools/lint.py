"""Item-writing checks for question banks, after Haladyna, Downing & Rodriguez (2002).

A valid question can still be a poor one: its answer guessable from the option lengths or
from an absolute word in the distractors, its negative stem easy to misread. These rules
point at such clues. They are warnings (a trainer may have a reason), errors with --strict.
Rules that need judgement are tuned to stay quiet on ordinary Chinese wording.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from generator.course import model
from generator.course.problems import Loc, Source, format_path

MIN_KEYS_FOR_BALANCE = 4  # single+scenario questions a bank needs before key positions are judged
NEAR_DUPLICATE = 0.8  # difflib ratio from which two options count as near-duplicates
LONGEST_MARGIN = 1.1  # the key is a clue when at least 10 % longer than every other option

# 以上都对 / 以上说法均不正确 at the start; 都不是 / 全部正确 as the whole option
_ALL_NONE = re.compile(
    r"^\s*(?:以上|上述|上面)的?(?:选项|说法|做法|答案|各项|几项|几种)?(?:都|全|均|皆)"
    r"|^\s*(?:都|全|均)不(?:是|对|正确)[。.！!]?\s*$|^\s*全部都?(?:正确|错误|对|不对)[。.！!]?\s*$"
    r"|\b(?:all|none|both|neither) of (?:the )?(?:above|these)\b",
    re.IGNORECASE,
)
# Words that turn a question into "which is NOT…"; plain 不 is too common (不错, 不少) to use.
_NEGATIVE = re.compile(
    r"不是|不应|不能|不可|不属于|不会|不要|不该|不需要?|不必|不适合|不适用|不正确|不恰当|不合适|不合理|"
    r"不包括|不对|没有|无需|错误|有误|\b(?:not|except)\b",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"\*\*.+?\*\*|__.+?__", re.DOTALL)
# Quoted speech, mentioned words and asides in brackets are not what the item asserts or asks.
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|‘[^’]*’|\"[^\"]*\"|（[^）]*）|\([^)]*\)")
_CLAUSE_END = re.compile(r"[。！!；;，,：:？?\n]")
_ASKS = re.compile(r"哪|什么|怎么|怎样|如何|是否|which|what|how", re.IGNORECASE)
_ASKS_REPLY = re.compile(r"回复|回答|回应|接话|怎么说|说法")
_ABSOLUTE = re.compile(r"总是|从不|从来不|从来没|一定|所有|绝对|永远|任何时候")
MIN_COMPARED = 6  # shorter options (numbers, single words) are only compared exactly, by validation
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])todo(?![A-Za-z])", re.IGNORECASE)
# A lone Latin letter where a text names an option: 选项 B, B 项, （b）, b 是对的; lists of
# letters up to H (A 和 C, A、B): S、M、L are sizes, not options.
_L = r"(?<![A-Za-z0-9_])([A-Za-z])(?![A-Za-z0-9_])"
_OPTION_LETTER = re.compile(
    rf"选项\s*{_L}|{_L}\s*(?:选?项|是?(?:对|错|正确|错误|不对|不正确))|[（(]\s*{_L}\s*[）)]"
)
_LETTER_LIST = re.compile(
    r"(?<![A-Za-z0-9_])[A-Ha-h](?:\s*[和与、或及]\s*[A-Ha-h](?![A-Za-z0-9_]))+"
)


def _named_letters(text: str) -> Iterator[str]:
    for match in _OPTION_LETTER.finditer(text):
        yield next(group for group in match.groups() if group)
    for match in _LETTER_LIST.finditer(text):
        yield from re.findall(r"[A-Ha-h]", match.group())


_ONE_KEY = (model.SingleQuestion, model.ScenarioQuestion)  # one correct option
_CHOOSE = (model.SingleQuestion, model.MultipleQuestion, model.ScenarioQuestion)  # tick boxes

RULES = {
    "key-position": "the correct answers of single/scenario questions gather on one position",
    "longest-key": "the correct option is clearly the longest",
    "all-none-above": "an option such as 以上都对 / 以上都不对 / 都不是",
    "negative-stem": "a negative question (不是, 不能, 错误的…) not emphasised with **…**",
    "near-duplicate-options": "two options that say almost the same",
    "absolute-clue": "absolute words (总是, 一定, 所有…) only in wrong options",
    "few-options": "a single-choice question with fewer than 3 options",
    "placeholder": "a TODO placeholder from `curriculum new` is still there",
    "option-letter": "a text names an option by a letter not shown (b for B, or E of A–D)",
}


class Clue(NamedTuple):
    """A finding before it is placed in its file."""

    loc: Loc  # field path
    rule: str
    message: str


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    rule: str
    message: str

    def text(self, level: str) -> str:
        return f"{self.file}:{self.line}:{self.column}: {level} [{self.rule}] {self.message}"

    def github(self, level: str) -> str:
        """A GitHub Actions workflow command, which shows as an annotation on the file."""
        return (
            f"::{level} file={_gh(self.file, property_value=True)},"
            f"line={self.line},col={self.column},"
            f"title={_gh(self.rule, property_value=True)}::{_gh(self.message)}"
        )


def _gh(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def lint_project(curriculum: model.Curriculum, display_root: str = "") -> list[Finding]:
    """Every finding in the course's banks and unit files, in file and line order."""
    findings: list[Finding] = []
    for unit_id, unit in curriculum.units.items():
        source = curriculum.unit_sources[unit_id]
        findings += _findings(source, _placeholder(unit.model_dump(), ()), display_root)
    for unit_id, bank in curriculum.banks.items():
        findings += lint_bank(bank, curriculum.bank_sources[unit_id], display_root)
    return sorted(findings)


def lint_bank(bank: model.QuizBank, source: Source, display_root: str = "") -> list[Finding]:
    found: list[Clue] = []
    for i, question in enumerate(bank.questions):
        at = ("questions", i)
        if placeholder := _placeholder(question.model_dump(), at):
            found += placeholder  # a skeleton being written: its other clues are the template's
            continue
        found += [
            Clue((*at, *clue.loc), clue.rule, clue.message) for clue in question_findings(question)
        ]
    if balance := key_position(bank):
        found.append(Clue(("questions",), "key-position", balance))
    return _findings(source, found, display_root)


def _findings(source: Source, found: list[Clue], display_root: str) -> list[Finding]:
    file = f"{display_root}/{source.path}" if display_root else source.path
    return [
        Finding(file, *source.locate(loc, at_key=loc == ("questions",)), rule, message)
        for loc, rule, message in found
    ]


def question_findings(q: model.AnyQuestion) -> Iterator[Clue]:
    """Each clue in one question, its field path within the question."""
    options = q.choices()
    if isinstance(q, model.SingleQuestion) and len(options) < 3:
        yield Clue(
            ("options",),
            "few-options",
            (
                f"only {len(options)} options; write at least 3 plausible "
                "ones so guessing succeeds less often"
            ),
        )
    if isinstance(q, _ONE_KEY) and len(options) >= 3:
        lengths = {k: len(o.text) for k, o in options.items()}
        others = max(v for k, v in lengths.items() if k != q.answer)
        if lengths[q.answer] > others * LONGEST_MARGIN:
            yield Clue(
                ("options", q.answer),
                "longest-key",
                (
                    f"the correct option '{q.answer}' ({lengths[q.answer]} characters) is much "
                    f"longer than every other (at most {others}); trainees pick the longest: "
                    "make them about equal"
                ),
            )
    for key, option in options.items():
        if not isinstance(q, model.OrderQuestion) and _ALL_NONE.search(option.text):
            yield Clue(
                ("options", key),
                "all-none-above",
                (
                    f"option '{key}' ({option.text}) lets a trainee answer from partial knowledge; "
                    "replace it with a plausible distractor"
                ),
            )
    if isinstance(q, _CHOOSE) and (word := _negative_word(q.stem)):
        yield Clue(
            ("stem",),
            "negative-stem",
            (
                f"the question asks with '{word}', easy to misread; "
                f"ask positively or emphasise it: **{word}**"
            ),
        )
    texts = list(options.items())
    for n, (key_a, a) in enumerate(texts):
        for key_b, b in texts[n + 1 :]:
            if (
                min(len(a.text), len(b.text)) >= MIN_COMPARED
                and difflib.SequenceMatcher(None, a.text, b.text).ratio() >= NEAR_DUPLICATE
            ):
                yield Clue(
                    ("options", key_b),
                    "near-duplicate-options",
                    (
                        f"options '{key_a}' and '{key_b}' are nearly the same "
                        f"({a.text} / {b.text}); "
                        "make each a distinct, plausible choice"
                    ),
                )
    yield from option_letters(q)
    # In replies to customers (scenarios, "哪种回复…"), an overpromise is the lesson, not a clue.
    if isinstance(q, model.SingleQuestion | model.MultipleQuestion) and not _ASKS_REPLY.search(
        q.stem
    ):
        keys = set(q.correct_keys())
        absolute = {k: _ABSOLUTE.findall(_QUOTED.sub("", o.text)) for k, o in options.items()}
        in_wrong = sorted({w for k, words in absolute.items() if k not in keys for w in words})
        if in_wrong and not any(absolute[k] for k in keys):
            culprits = [k for k, words in absolute.items() if words and k not in keys]
            yield Clue(
                ("options", culprits[0]),
                "absolute-clue",
                (
                    f"only wrong options use absolute words ({', '.join(in_wrong)} in "
                    f"{', '.join(culprits)}): trainees learn to rule them out; "
                    "reword or use them in the key too"
                ),
            )


def option_letters(q: model.AnyQuestion) -> Iterator[Clue]:
    """Texts naming an option by a letter that is not shown: options are lettered A, B, C…
    by position, upper-case, and stem, feedback and explanation must say the same."""
    options = q.choices()
    shown = [model.option_letter(i) for i in range(len(options))]
    if not shown:
        return
    texts: list[tuple[Loc, str]] = [(("stem",), q.stem), (("explanation",), q.explanation)]
    texts += [(("options", k, "feedback"), o.feedback) for k, o in options.items() if o.feedback]
    for loc, text in texts:
        for letter in dict.fromkeys(_named_letters(text)):
            if letter in shown:
                continue
            fix = (
                f"write {letter.upper()}, as the trainee sees it"
                if letter.upper() in shown
                else "refer to an option by its letter or its words"
            )
            yield Clue(
                loc,
                "option-letter",
                (
                    f"'{letter}' names an option, but the options are shown as "
                    f"{shown[0]}–{shown[-1]}: {fix}"
                ),
            )


def key_position(bank: model.QuizBank) -> str | None:
    """A message when single/scenario keys gather on one position, else None."""
    one_key = [q for q in bank.questions if isinstance(q, _ONE_KEY)]
    positions = [list(q.options).index(q.answer) for q in one_key]
    if len(positions) < MIN_KEYS_FOR_BALANCE:
        return None
    counts = Counter(positions)
    position, most = counts.most_common(1)[0]
    if most * 2 <= len(positions):
        return None
    widest = max(len(q.options) for q in one_key)
    spread = ", ".join(f"{model.option_letter(p)} {counts[p]}" for p in range(widest))
    return (
        f"the correct answer of {most} of {len(positions)} single/scenario questions is in "
        f"position {model.option_letter(position)} ({spread}); spread the keys over all positions"
    )


def _negative_word(stem: str) -> str | None:
    """The negative word of the clause that asks (哪…, 什么…), outside **emphasis** and quotes."""
    plain = _QUOTED.sub("", _EMPHASIS.sub("", stem))
    clauses = [c for c in _CLAUSE_END.split(plain) if c.strip()]
    asking = [c for c in clauses if _ASKS.search(c)] or clauses[-1:]
    match = _NEGATIVE.search(asking[0]) if asking else None
    return match.group(0) if match else None


def _placeholder(data: Any, loc: Loc) -> list[Clue]:
    """One finding for a question or unit still holding TODO text, at the first one."""
    left = [(path, text) for path, text in _texts(data, loc) if _PLACEHOLDER.search(text)]
    if not left:
        return []
    fields = ", ".join(format_path(path[len(loc) :]) for path, _ in left)
    return [
        Clue(
            left[0][0],
            "placeholder",
            f"{len(left)} placeholder(s) left ({fields}): write the real content",
        )
    ]


def _texts(data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, (*loc, i))
    elif isinstance(data, str):
        yield loc, data
