"""The data contract: what trainers write in curriculum/ and quizzes/, as typed models.

Field names and meanings are public: trainers, the JSON Schema and other tools rely on them.
Structure and types are checked here; rules that span fields or files live in checks.py.
"""

from __future__ import annotations

import random
import re
import unicodedata
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeAlias, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StrictBool,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError
from typing_extensions import TypeIs  # typing.TypeIs is Python 3.13+

from generator.course.markdown import inline_problem, markdown_problem
from generator.course.problems import Source, excerpt
from generator.messages import say

CATEGORIES = {
    "qualities": "基本素质",
    "knowledge": "专业知识",
    "process": "服务流程",
    "motivation": "团队培养与激励",
    "faq": "常见问题",
}
AUDIENCES = {"trainee": "学员", "trainer": "培训师与店主"}


def _safe_markdown(text: str) -> str:
    if problem := markdown_problem(text):
        raise PydanticCustomError("unsafe_markdown", problem)
    return text


def _safe_inline(text: str) -> str:
    if problem := inline_problem(text):
        raise PydanticCustomError("unsafe_markdown", problem)
    return text


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Markdown = Annotated[Text, AfterValidator(_safe_markdown)]
InlineMarkdown = Annotated[Text, AfterValidator(_safe_inline)]
OptionKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]+$")]
Category = Literal["qualities", "knowledge", "process", "motivation", "faq"]
Audience = Literal["trainee", "trainer"]
Ratio = Annotated[float, Field(gt=0, le=1)]


class Strict(BaseModel):
    """Unknown fields are errors, so a typo such as `anwser` is caught by name."""

    model_config = ConfigDict(
        extra="forbid", coerce_numbers_to_str=True, frozen=True, use_attribute_docstrings=True
    )


# --- course.yml ---------------------------------------------------------------------------


class Track(Strict):
    id: Id
    title: Text
    audience: Audience
    units: list[Id] = Field(min_length=1)
    """Unit ids in the order to learn them."""


class Course(Strict):
    id: Id
    title: Text
    description: Markdown
    """Shown on the home page (Markdown)."""
    pass_ratio: Ratio = 0.8
    """Share of questions to answer correctly to pass a unit; a bank may set its own."""
    tracks: list[Track] = Field(min_length=1)


# --- units/<unit-id>.yml ----------------------------------------------------------------


class Objective(Strict):
    id: Id
    text: Text


class Section(Strict):
    title: Text
    body: Markdown


class FaqEntry(Strict):
    q: Text
    a: Markdown


class Term(Strict):
    """A glossary entry; the site's glossary page collects them from every unit."""

    term: Text
    definition: Text


class Unit(Strict):
    id: Id
    """Lower-case letters, digits and dashes; the same as the file name."""
    title: Text
    category: Category
    """qualities 基本素质, knowledge 专业知识, process 服务流程, motivation 团队培养与激励, faq 常见问题."""  # noqa: E501 (one line: the schema's description)
    audience: Audience
    """trainee (new 客服) or trainer (shop owners and team leads)."""
    summary: Text
    duration_minutes: int = Field(gt=0, le=600)
    objectives: list[Objective] = Field(min_length=1)
    """What a trainee can do after the unit; every one is assessed by a question."""
    sections: list[Section] = Field(min_length=1)
    key_points: list[Markdown] = Field(min_length=1)
    faq: list[FaqEntry] = []
    glossary: list[Term] = []


# --- quizzes/<unit-id>.yml --------------------------------------------------------------


class Option(Strict):
    """An option is written as plain text, or as `{text, feedback}` to explain that choice."""

    text: InlineMarkdown
    """One line of Markdown (**bold**, `code`); no links to scripts, no images from other sites."""
    feedback: Markdown | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_plain_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, (str, int, float)) else value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [{"type": "string", "minLength": 1}, handler(core_schema)]}


class Turn(Strict):
    """One line of a role-play, written `customer: …` or `agent: …`."""

    speaker: Literal["customer", "agent"]
    text: Text

    @model_validator(mode="before")
    @classmethod
    def _from_one_line(cls, value: Any) -> Any:
        if isinstance(value, dict) and len(value) == 1:
            ((speaker, text),) = value.items()
            if speaker in ("customer", "agent"):
                return {"speaker": speaker, "text": text}
        shown = ", ".join(map(str, value)) if isinstance(value, dict) else type(value).__name__
        raise PydanticCustomError(
            "dialogue_turn", say("problem.dialogue_turn", found=excerpt(shown))
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        line = {"type": "string", "minLength": 1}
        return {
            "oneOf": [
                {
                    "type": "object",
                    "properties": {who: line},
                    "required": [who],
                    "additionalProperties": False,
                }
                for who in ("customer", "agent")
            ]
        }


Options = dict[OptionKey, Option]
KeyProblem: TypeAlias = tuple[tuple[str, ...], str]
"""A problem of a question's answer key: (field path within the question, message)."""
BrowserKey: TypeAlias = str | bool | list[str] | dict[str, float]
Widget = Literal["radio", "checkbox", "truefalse", "fill", "order", "typing"]
BLANK = re.compile(r"_{4,}")


FOLD_EDGES = "。.!?,;"  # after NFKC, which makes ！？，； half-width


def fold(text: str) -> str:
    """How fill answers are compared: full-/half-width and case folded, spaces dropped, and
    punctuation that ends or opens a sentence (。！？，；) stripped from both ends.

    quiz.js folds the same way; tests/fold_cases.json is run against both.
    """
    text = "".join(unicodedata.normalize("NFKC", text).lower().split())
    return text.strip(FOLD_EDGES)


def option_letter(index: int) -> str:
    """A, B, C…: how options are named to trainees, on the site and on paper."""
    return chr(ord("A") + index)


@dataclass(frozen=True)
class KeyStyle:
    """How one output writes answer keys as text: the site, a paper's answer sheet, a table."""

    option: Callable[[Options, str], str]  # one correct option, from the options and its key
    true: str
    false: str
    several: str  # between the correct options of a multiple-choice question
    steps: str  # between the steps of an order
    accepted: str  # between the accepted answers of a fill question
    sort_several: bool = False  # several correct options sorted as `option` writes them
    passage_is_key: bool = False  # a typing drill's key is its passage (else it has none)


class QuestionBase(Strict, ABC):
    """What every question type has; each type owns its key checks and its key as text."""

    id: Id
    """Unique in the bank; lower-case letters, digits and dashes."""
    objective: Id
    """The id of the unit objective this question assesses."""
    stem: Markdown
    """The question (Markdown)."""
    explanation: Markdown
    """Shown after answering: why the right answer is right, why the tempting one is wrong."""

    if TYPE_CHECKING:
        type: str  # each type declares its own Literal

    widget: ClassVar[Widget]
    """How a trainee answers: the quiz template's branch, and the answer space on paper."""
    key_label: ClassVar[str] = "answer_is"
    """The UI string (locale/zh.json) that introduces the key on the site."""

    def choices(self) -> Options:
        """The options a trainee chooses from or puts in order; none for other types."""
        return {}

    def letters(self) -> dict[str, str]:
        """Option key -> the letter trainees see, in the order the bank lists them."""
        return {key: option_letter(i) for i, key in enumerate(self.choices())}

    def display_order(self) -> list[str]:
        """Option keys as the site first shows them: as the bank lists them."""
        return list(self.choices())

    def key_problems(self) -> list[KeyProblem]:
        """What is wrong with the answer key, beyond what the field types check."""
        return []

    @abstractmethod
    def key_text(self, style: KeyStyle) -> str:
        """The correct answer in words, as ``style`` writes it ("" when it has none)."""

    def key_steps(self, style: KeyStyle) -> list[str]:
        """The key as numbered steps, for the types whose key is a sequence; else none."""
        return []

    @abstractmethod
    def browser_key(self) -> BrowserKey:
        """What the quiz script needs to grade an answer (data-answer)."""

    def what_is_right(self) -> list[object]:
        """What decides whether an answer is right: a trainee's saved result stays valid while
        this stays the same, however the stem, options or explanation are reworded."""
        return [self.type, sorted(self.choices()), self.browser_key()]


class Choices(ABC):
    """Behaviour of the questions answered from their options: single, multiple, scenario, order.

    A mixin without fields, so each model keeps its fields' order (the JSON Schema and the
    progress hashes depend on it).
    """

    if TYPE_CHECKING:
        id: str
        options: Options

    def choices(self) -> Options:
        return self.options

    def shuffled(self, rng: random.Random) -> list[str]:
        """The option keys in a random order drawn from ``rng``."""
        keys = list(self.options)
        rng.shuffle(keys)
        return keys

    @abstractmethod
    def correct_keys(self) -> list[str]:
        """The keys of the correct options, in the order the bank lists the answer."""

    @abstractmethod
    def answer_problems(self) -> list[KeyProblem]:
        """What is wrong with `answer` against the options."""

    def key_problems(self) -> list[KeyProblem]:
        texts = [option.text for option in self.options.values()]
        return [*self.answer_problems(), *_duplicates(("options",), texts)]

    def _not_an_option(self, key: str) -> KeyProblem:
        listed = say("list.join").join(self.options)
        return ("answer",), say("problem.not_an_option", key=excerpt(key), options=listed)

    def _listed_once(self, answer: list[str]) -> list[KeyProblem]:
        found = []
        for key, count in Counter(answer).items():
            if key not in self.options:
                found.append(self._not_an_option(key))
            elif count > 1:
                found.append((("answer",), say("problem.listed_twice", key=key, count=count)))
        return found


class _OneKey(Choices):
    """One correct option: single choice and scenario."""

    if TYPE_CHECKING:
        answer: str

    widget: ClassVar[Widget] = "radio"

    def correct_keys(self) -> list[str]:
        return [self.answer]

    def answer_problems(self) -> list[KeyProblem]:
        return [] if self.answer in self.options else [self._not_an_option(self.answer)]

    def key_text(self, style: KeyStyle) -> str:
        return style.option(self.options, self.answer)

    def browser_key(self) -> BrowserKey:
        return self.answer


def _duplicates(loc: tuple[str, ...], texts: list[str]) -> list[KeyProblem]:
    seen: set[str] = set()
    found = []
    for text in texts:
        if fold(text) in seen:
            found.append((loc, say("problem.same_text", text=excerpt(repr(text)))))
        seen.add(fold(text))
    return found


class SingleQuestion(_OneKey, QuestionBase):
    type: Literal["single"]
    options: Options = Field(min_length=2)
    answer: OptionKey


class MultipleQuestion(Choices, QuestionBase):
    type: Literal["multiple"]
    options: Options = Field(min_length=3)
    answer: list[OptionKey] = Field(min_length=1)

    widget: ClassVar[Widget] = "checkbox"

    def correct_keys(self) -> list[str]:
        return list(self.answer)

    def answer_problems(self) -> list[KeyProblem]:
        found = self._listed_once(self.answer)
        if set(self.answer) >= set(self.options):
            found.append((("answer",), say("problem.all_correct")))
        return found

    def key_text(self, style: KeyStyle) -> str:
        texts = [style.option(self.options, key) for key in self.answer]
        return style.several.join(sorted(texts) if style.sort_several else texts)

    def browser_key(self) -> BrowserKey:
        return self.answer

    def what_is_right(self) -> list[object]:
        return [self.type, sorted(self.options), sorted(set(self.answer))]


class TrueFalseQuestion(QuestionBase):
    type: Literal["truefalse"]
    answer: StrictBool

    widget: ClassVar[Widget] = "truefalse"

    def key_text(self, style: KeyStyle) -> str:
        return style.true if self.answer else style.false

    def browser_key(self) -> BrowserKey:
        return self.answer


class FillQuestion(QuestionBase):
    type: Literal["fill"]
    answer: list[Text] = Field(min_length=1)

    widget: ClassVar[Widget] = "fill"
    key_label: ClassVar[str] = "accepted_answers"

    def key_problems(self) -> list[KeyProblem]:
        found: list[KeyProblem] = []
        if not BLANK.search(self.stem):
            found.append((("stem",), say("problem.no_blank")))
        return found + _duplicates(("answer",), self.answer)

    def key_text(self, style: KeyStyle) -> str:
        return style.accepted.join(self.answer)

    def browser_key(self) -> BrowserKey:
        return [fold(answer) for answer in self.answer]

    def what_is_right(self) -> list[object]:
        return [self.type, sorted({fold(answer) for answer in self.answer})]


class OrderQuestion(Choices, QuestionBase):
    type: Literal["order"]
    options: Options = Field(min_length=3)
    answer: list[OptionKey] = Field(min_length=3)

    widget: ClassVar[Widget] = "order"

    def correct_keys(self) -> list[str]:
        return list(self.answer)

    def shuffled(self, rng: random.Random) -> list[str]:
        """Never the solved order: a trainee must have something to put right."""
        keys = super().shuffled(rng)
        while keys == list(self.answer):
            rng.shuffle(keys)
        return keys

    def display_order(self) -> list[str]:
        """Shuffled from the id, so every build shows the same order, and never solved."""
        return self.shuffled(random.Random(self.id))

    def answer_problems(self) -> list[KeyProblem]:
        found = self._listed_once(self.answer)
        if missing := [key for key in self.options if key not in self.answer]:
            found.append(
                (("answer",), say("problem.order_missing", keys=say("list.join").join(missing)))
            )
        return found

    def key_text(self, style: KeyStyle) -> str:
        return style.steps.join(self.key_steps(style))

    def key_steps(self, style: KeyStyle) -> list[str]:
        return [style.option(self.options, key) for key in self.answer]

    def browser_key(self) -> BrowserKey:
        return self.answer


class ScenarioQuestion(_OneKey, QuestionBase):
    type: Literal["scenario"]
    speakers: dict[Literal["customer", "agent"], Text] = {}
    """Labels for the two sides when they are not 顾客 and 客服, e.g. {customer: 应聘者, agent: 主管}."""  # noqa: E501 (one line: the schema's description)
    dialogue: list[Turn] = Field(min_length=1)
    options: Options = Field(min_length=2)
    answer: OptionKey


class TypingQuestion(QuestionBase):
    """A typing drill: the trainee types `passage`; speed in characters a minute."""

    type: Literal["typing"]
    passage: Text
    target_speed: int = Field(60, gt=0, le=600)
    target_accuracy: Ratio = 0.95

    widget: ClassVar[Widget] = "typing"

    def key_text(self, style: KeyStyle) -> str:
        return self.passage if style.passage_is_key else ""

    def browser_key(self) -> BrowserKey:
        return {"speed": self.target_speed, "accuracy": self.target_accuracy}

    def what_is_right(self) -> list[object]:
        return [self.type, self.passage, self.browser_key()]


Portable: TypeAlias = (
    SingleQuestion
    | MultipleQuestion
    | TrueFalseQuestion
    | FillQuestion
    | OrderQuestion
    | ScenarioQuestion
)
"""The types that can leave the site, for exports and paper; a typing drill needs its timer."""
AnyQuestion: TypeAlias = Portable | TypingQuestion
Question = Annotated[AnyQuestion, Field(discriminator="type")]
QUESTION_MODELS: tuple[type[AnyQuestion], ...] = get_args(AnyQuestion)
QUESTION_TYPES: tuple[str, ...] = tuple(
    get_args(cls.model_fields["type"].annotation)[0] for cls in QUESTION_MODELS
)


def leaves_site(question: AnyQuestion) -> TypeIs[Portable]:
    """Whether exports and paper exams can take the question."""
    return isinstance(question, Portable)


class QuizBank(Strict):
    unit: Id
    """The id of the unit these questions belong to (the same as the file name)."""
    pass_ratio: Ratio | None = None
    """Overrides the course's pass_ratio for this unit."""
    questions: list[Question] = Field(min_length=1)


# --- the whole, after loading and checking -----------------------------------------------


@dataclass(frozen=True)
class Curriculum:
    """A course whose files all loaded and passed every check."""

    course: Course
    units: dict[str, Unit]  # by id, in file-name order
    banks: dict[str, QuizBank]  # by unit id
    unit_sources: dict[str, Source] = field(default_factory=dict)  # unit id -> its file, as read
    bank_sources: dict[str, Source] = field(default_factory=dict)  # unit id -> its bank, as read

    def pass_ratio(self, unit_id: str) -> float:
        bank = self.banks[unit_id]
        return bank.pass_ratio if bank.pass_ratio is not None else self.course.pass_ratio
