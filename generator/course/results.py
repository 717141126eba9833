"""The results file a trainee downloads on the site's 学习进度 page: its format, version 1.

site/assets/quiz.js writes it and tools/report.py reads it; schema/results.schema.json is
generated from these models (`curriculum schema`) for anyone processing the files.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from generator.course.model import Id
from generator.messages import say

FORMAT: Literal["kefu-academy-results"] = "kefu-academy-results"
VERSION: Literal[1] = 1

Short = Annotated[str, StringConstraints(max_length=40)]


class UnitResult(BaseModel):
    """One unit's latest attempt; quiz.js also writes the unit's `title`, for people to read."""

    model_config = ConfigDict(
        strict=True, extra="ignore", frozen=True, use_attribute_docstrings=True
    )
    unit: Id
    score: int = Field(ge=0)
    """Questions answered correctly."""
    total: int = Field(ge=1)
    """Questions in the unit."""
    passed: bool
    date: Short
    """The day of the attempt, YYYY-MM-DD."""
    missed: list[Id]
    """Ids of the questions answered wrongly in the latest attempt."""

    @model_validator(mode="after")
    def _possible(self) -> UnitResult:
        if self.score > self.total:
            raise PydanticCustomError(
                "impossible",
                say("report.impossible_score", score="{score}", total="{total}"),
                {"score": self.score, "total": self.total},
            )
        return self


class Results(BaseModel):
    """A trainee's results in one course."""

    model_config = ConfigDict(
        strict=True, extra="ignore", frozen=True, use_attribute_docstrings=True
    )
    format: Literal["kefu-academy-results"]
    version: Literal[1]
    course: Id
    """The `id` of curriculum/course.yml."""
    trainee: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    """The trainee's name, as typed on the 学习进度 page."""
    exported_at: Short
    """When the file was downloaded (ISO 8601)."""
    units: list[UnitResult]
