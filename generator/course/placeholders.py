"""The scaffold's TODO markers: a course that still holds one is not ready to publish."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from generator.course.problems import Loc, Problem, Source
from generator.messages import say

MARKER = re.compile(r"(?<![A-Za-z])TODO(?![A-Za-z])")


def placeholder_problems(loaded: tuple[BaseModel, Source] | None) -> list[Problem]:
    """One problem per field that still holds a TODO from `curriculum new`, at that field."""
    if loaded is None:
        return []
    document, source = loaded
    return [
        source.problem(loc, say("problem.todo"))
        for loc, text in texts(document.model_dump(), ())
        if MARKER.search(text)
    ]


def texts(data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every string in ``data`` (a model dump), with its field path."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from texts(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from texts(value, (*loc, index))
