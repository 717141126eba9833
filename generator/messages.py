"""What the trainer reads, in their language: one message catalogue per language.

Chinese is the default; ``--lang en`` or ``KEFU_LANG=en`` switches to English. Code names a
message by key and gives its fields; the wording lives in ``locale/messages.<lang>.json``, so the
trainer guide can quote it and a test can keep the two in step.
"""

from __future__ import annotations

import json
import os
from functools import cache
from typing import Any

from generator.locale import HERE

LANGUAGES = ("zh", "en")
DEFAULT = "zh"


def language() -> str:
    """The language asked for (``KEFU_LANG``, which ``--lang`` sets), else Chinese."""
    lang = os.environ.get("KEFU_LANG", DEFAULT).strip().lower()[:2]
    return lang if lang in LANGUAGES else DEFAULT


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every message of one language, by key."""
    text = (HERE / f"messages.{lang}.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def say(key: str, /, **fields: Any) -> str:
    """The message ``key`` in the trainer's language, its ``{fields}`` filled in."""
    return catalogue(language())[key].format(**fields)


def lookup(key: str, /) -> str | None:
    """The message ``key`` if the trainer's language has one: help texts exist only in
    translation, English help being the commands' own docstrings."""
    return catalogue(language()).get(key)
