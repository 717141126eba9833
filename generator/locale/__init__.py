"""What the reader and the trainer see, one catalogue per language (zh.json: the UI strings)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


@cache
def strings(lang: str = "zh") -> dict[str, Any]:
    """The UI strings of one language: one file holds every string the reader sees."""
    text = (HERE / f"{lang}.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]
