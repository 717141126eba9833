"""The data contract: what trainers write in curriculum/ and quizzes/, as typed models.

Field names and meanings are public: trainers, the JSON Schema and other tools rely on them.
Structure and types are checked here; rules that span fields or files live in checks.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, TypeAlias, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.course.markdown import inline_problem, markdown_problem
from generator.course.problems import Source

CATEGORIES = {
    "qualities": "基本素质",
    "knowledge": "专业知识",
    "process": "服务流程",
    "motivation": "团队培养与激励",
    "faq": "常见问题",
}
AUDIENCES = {"trainee": "学员", "trainer": "培训师与店主"}
QUESTION_TYPES = ("single", "multiple", "truefalse", "fill", "order", "scenario", "typing")


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
    """qualities 基本素质, knowledge 专业知识, process 服务流程, motivation 团队培养与激励, faq 常见问题."""
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
    def __get_pydantic_json_schema__(cls, core_schema, handler):
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
            "dialogue_turn",
            "each turn is one line, `customer: …` or `agent: …` (found: {shown})",
            {"shown": shown},
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
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


class QuestionBase(Strict):
    id: Id
    """Unique in the bank; lower-case letters, digits and dashes."""
    objective: Id
    """The id of the unit objective this question assesses."""
    stem: Markdown
    """The question (Markdown)."""
    explanation: Markdown
    """Shown after answering: why the right answer is right, why the tempting one is wrong."""


class SingleQuestion(QuestionBase):
    type: Literal["single"]
    options: Options = Field(min_length=2)
    answer: OptionKey


class MultipleQuestion(QuestionBase):
    type: Literal["multiple"]
    options: Options = Field(min_length=3)
    answer: list[OptionKey] = Field(min_length=1)


class TrueFalseQuestion(QuestionBase):
    type: Literal["truefalse"]
    answer: StrictBool


class FillQuestion(QuestionBase):
    type: Literal["fill"]
    answer: list[Text] = Field(min_length=1)


class OrderQuestion(QuestionBase):
    type: Literal["order"]
    options: Options = Field(min_length=3)
    answer: list[OptionKey] = Field(min_length=3)


class ScenarioQuestion(QuestionBase):
    type: Literal["scenario"]
    speakers: dict[Literal["customer", "agent"], Text] = {}
    """Labels for the two sides when they are not 顾客 and 客服, e.g. {customer: 应聘者, agent: 主管}."""
    dialogue: list[Turn] = Field(min_length=1)
    options: Options = Field(min_length=2)
    answer: OptionKey


class TypingQuestion(QuestionBase):
    """A typing drill: the trainee types `passage`; speed in characters a minute."""

    type: Literal["typing"]
    passage: Text
    target_speed: int = Field(60, gt=0, le=600)
    target_accuracy: Ratio = 0.95


AnyQuestion: TypeAlias = (
    SingleQuestion
    | MultipleQuestion
    | TrueFalseQuestion
    | FillQuestion
    | OrderQuestion
    | ScenarioQuestion
    | TypingQuestion
)
Question = Annotated[AnyQuestion, Field(discriminator="type")]
QUESTION_MODELS: tuple[type[QuestionBase], ...] = get_args(AnyQuestion)


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
