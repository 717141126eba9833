"""Attack payloads put into every text field a trainer writes (tests/test_payloads.py checks
the validator field by field; tests/browser/test_payloads.py checks a browser)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml


def marker(field: str) -> str:
    """Plain text naming the field, without characters that Markdown would escape."""
    return f"甲{field.replace('-', '')}乙"


def payload(field: str, block: bool) -> str:
    """Markup that runs `record('<field>')` or loads from another host if it ever gets through."""
    run = f"(window.__ran=window.__ran||[]).push('{field}')"
    pieces = [
        marker(field),  # the text itself must still reach the page
        f"<script>{run}</script>",
        f'<img src=x onerror="{run}">',
        f"<svg/onload={run}>",
        f"<img/src=x onerror={run}>",
        f"<details/open/ontoggle={run}>",
        f"[点我](javascript:{run})",
        f"[点我](JaVaScRiPt&colon;{run})",
        f"[点我](java&#9;script:{run})",
        f"[点我](java&Tab;script:{run})",
        f"<javascript:{run}>",
        "[数据](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        f"![远程](https://evil.example/{field}.png)",
        f"![远程](//evil.example/{field}.png)",
        f"[引用][x]\n\n[x]: javascript:{run}" if block else "",
        f'- 列表\n\n  <img src=x onerror="{run}">' if block else "",
        f'```\n<img src=x onerror="{run}">' if block else "",  # an unclosed fence, last
    ]
    return ("\n\n" if block else " ").join(piece for piece in pieces if piece)


Data = dict[str, Any]
# field class -> (file, whether Markdown, how to put text into the loaded YAML data)
FIELDS: dict[str, tuple[str, bool, Callable[[Data, str], None]]] = {
    "course-title": ("curriculum/course.yml", False, lambda d, t: d.update(title=t)),
    "course-description": ("curriculum/course.yml", True, lambda d, t: d.update(description=t)),
    "track-title": ("curriculum/course.yml", False, lambda d, t: d["tracks"][0].update(title=t)),
    "unit-title": ("curriculum/units/alpha.yml", False, lambda d, t: d.update(title=t)),
    "unit-summary": ("curriculum/units/alpha.yml", False, lambda d, t: d.update(summary=t)),
    "objective": (
        "curriculum/units/alpha.yml",
        False,
        lambda d, t: d["objectives"][0].update(text=t),
    ),
    "section-title": (
        "curriculum/units/alpha.yml",
        False,
        lambda d, t: d["sections"][0].update(title=t),
    ),
    "section-body": (
        "curriculum/units/alpha.yml",
        True,
        lambda d, t: d["sections"][0].update(body=t),
    ),
    "key-point": (
        "curriculum/units/alpha.yml",
        True,
        lambda d, t: d["key_points"].__setitem__(0, t),
    ),
    "faq-question": ("curriculum/units/alpha.yml", False, lambda d, t: d["faq"][0].update(q=t)),
    "faq-answer": ("curriculum/units/alpha.yml", True, lambda d, t: d["faq"][0].update(a=t)),
    "glossary-term": (
        "curriculum/units/alpha.yml",
        False,
        lambda d, t: d["glossary"][0].update(term=t),
    ),
    "glossary-definition": (
        "curriculum/units/alpha.yml",
        False,
        lambda d, t: d["glossary"][0].update(definition=t),
    ),
    "stem": ("quizzes/alpha.yml", True, lambda d, t: d["questions"][0].update(stem=t)),
    "option": ("quizzes/alpha.yml", False, lambda d, t: d["questions"][0]["options"].update(a=t)),
    "feedback": (
        "quizzes/alpha.yml",
        True,
        lambda d, t: d["questions"][0]["options"]["c"].update(feedback=t),
    ),
    "explanation": (
        "quizzes/alpha.yml",
        True,
        lambda d, t: d["questions"][0].update(explanation=t),
    ),
    "fill-answer": ("quizzes/alpha.yml", False, lambda d, t: d["questions"][3]["answer"].append(t)),
    "order-item": (
        "quizzes/beta.yml",
        False,
        lambda d, t: d["questions"][0]["options"].update(b=t),
    ),
    "dialogue": (
        "quizzes/beta.yml",
        False,
        lambda d, t: d["questions"][1]["dialogue"][0].update(customer=t),
    ),
    "speaker": (
        "quizzes/beta.yml",
        False,
        lambda d, t: d["questions"][1].update(speakers={"customer": t}),
    ),
    "passage": ("quizzes/beta.yml", False, lambda d, t: d["questions"][2].update(passage=t)),
}
# Plain-text fields that the validator accepts whatever they hold (they are escaped); option
# and order item text are inline Markdown, checked like the Markdown fields.
CHECKED = {name for name, (_, markdown, _) in FIELDS.items() if markdown} | {"option", "order-item"}


def inject(project: Path, fields: list[str]) -> None:
    """Put each named field's payload into the project's YAML."""
    for name in fields:
        file, markdown, put = FIELDS[name]
        path = project / file
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        put(data, payload(name, block=markdown))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
