"""The message catalogues: every message exists in both languages with the same fields."""

from __future__ import annotations

import re
import string

from generator.messages import LANGUAGES, catalogue


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_every_message_with_the_same_fields():
    chinese = catalogue("zh")
    for lang in LANGUAGES:
        other = catalogue(lang)
        assert other.keys() == chinese.keys(), lang
        for key, text in other.items():
            assert _fields(text) == _fields(chinese[key]), (lang, key)


def test_chinese_messages_are_chinese():
    """Every message with words has Chinese ones; a few are punctuation around their fields."""
    for key, text in catalogue("zh").items():
        words = "".join(literal for literal, *_ in string.Formatter().parse(text))
        if re.search("[A-Za-z]{3}", words):  # a sentence, not just "id:" around fields
            assert any("\u4e00" <= char <= "\u9fff" for char in words), key
