"""The compliance term list, `curriculum/lint-terms.yml`: a file trainers write and extend,
checked like the course files (file:line problems, a JSON Schema for editors)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from generator.course.model import Id, Strict, Text

TERMS_FILE = "curriculum/lint-terms.yml"


class TermEntry(Strict):
    """A term, written alone or as `{term, except}` with the longer phrases it is fine in."""

    term: Text
    except_: list[Text] = Field(default_factory=list, alias="except")
    """Phrases holding the term that are no breach, e.g. 第一时间 for 第一, 不能保证 for 保证."""

    @model_validator(mode="before")
    @classmethod
    def _from_plain_text(cls, value: Any) -> Any:
        return {"term": value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [{"type": "string", "minLength": 1}, handler(core_schema)]}


class TermGroup(Strict):
    id: Id
    """The rule's name in findings, e.g. absolute-terms."""
    name: Text
    """What the terms are, in a few words: 极限词（绝对化用语）."""
    law: Text
    """The law or platform rule the terms break, quoted in every finding."""
    terms: list[TermEntry] = Field(min_length=1)


class LintTerms(Strict):
    """What `curriculum lint` checks the replies the course teaches as good against."""

    good_columns: list[Text] = Field(default_factory=list)
    """Table headers of the columns that show good replies, e.g. 更好的说法."""
    groups: list[TermGroup] = Field(default_factory=list)
