"""The message catalogues: every message exists in both languages with the same fields."""

from __future__ import annotations

import json
import re
import string

from generator.locale import HERE
from generator.messages import LANGUAGES, catalogue


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_every_message_with_the_same_fields():
    """Except the help texts (help.*), which English takes from the commands' docstrings."""
    chinese = catalogue("zh")
    for lang in LANGUAGES:
        other = catalogue(lang)
        wanted = chinese.keys() if lang == "zh" else {k for k in chinese if k[:5] != "help."}
        assert other.keys() == wanted, lang
        for key, text in other.items():
            assert _fields(text) == _fields(chinese[key]), (lang, key)


def test_chinese_messages_are_chinese():
    """Every message with words has Chinese ones; a few are punctuation around their fields."""
    for key, text in catalogue("zh").items():
        words = "".join(literal for literal, *_ in string.Formatter().parse(text))
        if re.search("[A-Za-z]{3}", words):  # a sentence, not just "id:" around fields
            assert any("\u4e00" <= char <= "\u9fff" for char in words), key


def test_no_message_is_written_twice():
    """json.loads keeps the last of two equal keys: a merge could hide a message silently."""
    for lang in LANGUAGES:
        text = (HERE / f"messages.{lang}.json").read_text(encoding="utf-8")
        keys = [key for key, _ in json.loads(text, object_pairs_hook=lambda pairs: pairs)]
        assert len(keys) == len(set(keys)), lang
