"""Clues inside one question: its options, its stem, its accepted answers, its steps."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from generator.course import model
from generator.course.problems import Loc
from generator.messages import say
from generator.tools.lint.report import Clue

NEAR_DUPLICATE = 0.8  # difflib ratio from which two options count as near-duplicates
LONGEST_MARGIN = 1.1  # the key is a clue when at least 10 % longer than every other option
MIN_COMPARED = 6  # shorter options (numbers, single words) are only compared exactly, by validation

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
# Stems whose keys are the bad examples: the negatives above, or asking what to avoid.
_BAD = re.compile(rf"{_NEGATIVE.pattern}|避免|违规|违反|禁止|禁语|不妥|踩线|犯规", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*\*.+?\*\*|__.+?__", re.DOTALL)
# Quoted speech, mentioned words and asides in brackets are not what the item asserts or asks.
QUOTED = re.compile(r"“[^”]*”|「[^」]*」|‘[^’]*’|\"[^\"]*\"|（[^）]*）|\([^)]*\)")
_CLAUSE_END = re.compile(r"[。！!；;，,：:？?\n]")
_ASKS = re.compile(r"哪|什么|怎么|怎样|如何|是否|which|what|how", re.IGNORECASE)
_ASKS_REPLY = re.compile(r"回复|回答|回应|接话|怎么说|说法")
_ABSOLUTE = re.compile(r"总是|从不|从来不|从来没|一定|所有|绝对|永远|任何时候")
PLACEHOLDER = re.compile(r"(?<![A-Za-z])todo(?![A-Za-z])", re.IGNORECASE)
# A lone Latin letter where a text names an option: 选项 B, B 项, （b）, b 是对的; lists of
# letters up to H (A 和 C, A、B): S、M、L are sizes, not options.
_LETTER = r"(?<![A-Za-z0-9_])([A-Za-z])(?![A-Za-z0-9_])"
_OPTION_LETTER = re.compile(
    rf"选项\s*{_LETTER}|{_LETTER}\s*(?:选?项|是?(?:对|错|正确|错误|不对|不正确))"
    rf"|[（(]\s*{_LETTER}\s*[）)]"
)
_LETTER_LIST = re.compile(
    r"(?<![A-Za-z0-9_])[A-Ha-h](?:\s*[和与、或及]\s*[A-Ha-h](?![A-Za-z0-9_]))+"
)

ONE_KEY = (model.SingleQuestion, model.ScenarioQuestion)  # one correct option
_CHOOSE = (model.SingleQuestion, model.MultipleQuestion, model.ScenarioQuestion)  # tick boxes


def asks_for_reply(q: model.AnyQuestion) -> bool:
    """Whether the options are what the 客服 says: a scenario, or a stem asking 哪种回复…"""
    return isinstance(q, model.ScenarioQuestion) or (
        isinstance(q, model.SingleQuestion | model.MultipleQuestion)
        and bool(_ASKS_REPLY.search(q.stem))
    )


def question_findings(q: model.AnyQuestion) -> Iterator[Clue]:
    """Each clue in one question, its field path within the question."""
    yield from _few_options(q)
    yield from _longest_key(q)
    yield from _all_none_above(q)
    yield from _negative_stem(q)
    yield from _near_duplicates(q)
    yield from _absolute_clue(q)
    yield from _option_letters(q)


def _option_letters(q: model.AnyQuestion) -> Iterator[Clue]:
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
            key = "lint.option-letter-case" if letter.upper() in shown else "lint.option-letter"
            yield Clue(
                loc,
                "option-letter",
                say(key, letter=letter, first=shown[0], last=shown[-1], upper=letter.upper()),
            )


def _named_letters(text: str) -> Iterator[str]:
    for match in _OPTION_LETTER.finditer(text):
        yield next(group for group in match.groups() if group)
    for match in _LETTER_LIST.finditer(text):
        yield from re.findall(r"[A-Ha-h]", match.group())


def _few_options(q: model.AnyQuestion) -> Iterator[Clue]:
    options = q.choices()
    if isinstance(q, model.SingleQuestion) and len(options) < 3:
        yield Clue(("options",), "few-options", say("lint.few-options", count=len(options)))


def _longest_key(q: model.AnyQuestion) -> Iterator[Clue]:
    if not isinstance(q, ONE_KEY) or len(q.options) < 3:
        return
    lengths = {k: len(o.text) for k, o in q.options.items()}
    others = max(v for k, v in lengths.items() if k != q.answer)
    if lengths[q.answer] > others * LONGEST_MARGIN:
        yield Clue(
            ("options", q.answer),
            "longest-key",
            say("lint.longest-key", option=q.answer, length=lengths[q.answer], others=others),
        )


def _all_none_above(q: model.AnyQuestion) -> Iterator[Clue]:
    if isinstance(q, model.OrderQuestion):
        return
    for key, option in q.choices().items():
        if _ALL_NONE.search(option.text):
            yield Clue(
                ("options", key),
                "all-none-above",
                say("lint.all-none-above", option=key, text=option.text),
            )


def _negative_stem(q: model.AnyQuestion) -> Iterator[Clue]:
    if isinstance(q, _CHOOSE) and (word := _negative_word(q.stem)):
        yield Clue(("stem",), "negative-stem", say("lint.negative-stem", word=word))


def _near_duplicates(q: model.AnyQuestion) -> Iterator[Clue]:
    texts = list(q.choices().items())
    for n, (key_a, a) in enumerate(texts):
        for key_b, b in texts[n + 1 :]:
            if (
                min(len(a.text), len(b.text)) >= MIN_COMPARED
                and difflib.SequenceMatcher(None, a.text, b.text).ratio() >= NEAR_DUPLICATE
            ):
                yield Clue(
                    ("options", key_b),
                    "near-duplicate-options",
                    say(
                        "lint.near-duplicate-options",
                        a=key_a,
                        b=key_b,
                        text_a=a.text,
                        text_b=b.text,
                    ),
                )


def _absolute_clue(q: model.AnyQuestion) -> Iterator[Clue]:
    """In replies to customers (scenarios, 哪种回复…), an overpromise is the lesson, not a clue."""
    if not isinstance(q, model.SingleQuestion | model.MultipleQuestion) or asks_for_reply(q):
        return
    keys = set(q.correct_keys())
    absolute = {k: _ABSOLUTE.findall(QUOTED.sub("", o.text)) for k, o in q.options.items()}
    in_wrong = sorted({w for k, words in absolute.items() if k not in keys for w in words})
    if in_wrong and not any(absolute[k] for k in keys):
        culprits = [k for k, words in absolute.items() if words and k not in keys]
        yield Clue(
            ("options", culprits[0]),
            "absolute-clue",
            say("lint.absolute-clue", words="、".join(in_wrong), keys=", ".join(culprits)),
        )


def _negative_word(stem: str) -> str | None:
    """The negative word of the clause that asks (哪…, 什么…), outside **emphasis** and quotes."""
    match = _NEGATIVE.search(_asking_clause(QUOTED.sub("", _EMPHASIS.sub("", stem))))
    return match.group(0) if match else None


def asks_for_bad(q: model.AnyQuestion) -> bool:
    """Whether the keys are what not to say: 哪些说法应该避免, 哪种回复**不**合适."""
    plain = q.stem.replace("**", "").replace("__", "")
    return bool(_BAD.search(_asking_clause(QUOTED.sub("", plain))))


def _asking_clause(stem: str) -> str:
    clauses = [c for c in _CLAUSE_END.split(stem) if c.strip()]
    asking = [c for c in clauses if _ASKS.search(c)] or clauses[-1:]
    return asking[0] if asking else ""
