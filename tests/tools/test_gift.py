"""GIFT output re-read by a small GIFT parser written here, compared with the YAML."""

import re
from pathlib import Path

from generator.course.load import load_curriculum
from generator.tools.export.gift import escape, weight

from .helpers import run

SPECIAL = "~=#{}:\\"


def split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    """[(mark, raw text)] split at unescaped ``marks``; the first mark is '' (text before any)."""
    parts, mark, current, i = [], "", "", 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            current += text[i : i + 2]
            i += 2
            continue
        if text[i] in marks:
            parts.append((mark, current))
            mark, current = text[i], ""
        else:
            current += text[i]
        i += 1
    parts.append((mark, current))
    return parts


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text.strip())


def parse_gift(text: str) -> dict[str, dict]:
    """title -> {type, stem, correct, general}: what Moodle would import."""
    questions = {}
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if not line.startswith(("//", "$CATEGORY"))]
        if not lines:
            continue
        body = "\n".join(lines)
        title_match = re.match(r"::(.*?)::", body)
        assert title_match, body
        rest = body[title_match.end() :]
        before, *after = [part for _, part in split_unescaped(rest, "{")]
        answer_part = "{".join(after)
        answer_part = answer_part[: answer_part.rindex("}")]
        answer_part, _, general = answer_part.partition("####")
        stem = unescape(before.removeprefix("[markdown]"))
        stripped = answer_part.strip()
        if stripped in ("TRUE", "FALSE", "T", "F"):
            kind, correct = "truefalse", stripped.startswith("T")
        else:
            entries = [
                (mark, split_unescaped(raw, "#")[0][1])
                for mark, raw in split_unescaped(answer_part, "=~")[1:]
            ]
            if all("->" in raw for _, raw in entries):
                pairs = [[unescape(side) for side in raw.split("->")] for _, raw in entries]
                kind, correct = (
                    "matching",
                    [left for left, _ in sorted(pairs, key=lambda p: int(p[1]))],
                )
            elif all(mark == "=" for mark, _ in entries):
                kind, correct = "shortanswer", [unescape(raw) for _, raw in entries]
            elif any(raw.startswith("%") for _, raw in entries):
                weighted = [
                    (float(raw[1:].split("%")[0]), unescape(raw[1:].split("%", 1)[1]))
                    for _, raw in entries
                ]
                assert abs(sum(w for w, _ in weighted if w > 0) - 100) < 0.01
                assert abs(sum(w for w, _ in weighted if w < 0) + 100) < 0.01
                kind, correct = "multichoice-multi", {t for w, t in weighted if w > 0}
            else:
                kind, correct = (
                    "multichoice",
                    [unescape(raw) for mark, raw in entries if mark == "="],
                )
        questions[unescape(title_match.group(1))] = {
            "type": kind,
            "stem": stem,
            "correct": correct,
            "general": unescape(general),
        }
    return questions


GIFT_TYPE = {
    "single": "multichoice",
    "scenario": "multichoice",
    "multiple": "multichoice-multi",
    "truefalse": "truefalse",
    "fill": "shortanswer",
    "order": "matching",
}


def expected(q) -> object:
    if q.type in ("single", "scenario"):
        return [q.options[q.answer].text]
    if q.type == "multiple":
        return {q.options[k].text for k in q.answer}
    if q.type == "order":
        return [q.options[k].text for k in q.answer]
    return q.answer


def check_round_trip(project: Path, out: Path) -> dict:
    result = run(project, "export gift", "--out", str(out))
    assert result.exit_code == 0, result.output
    parsed = parse_gift(out.read_text(encoding="utf-8"))
    curriculum = load_curriculum(project)
    wanted = {
        f"{u}/{q.id}": q
        for u, bank in curriculum.banks.items()
        for q in bank.questions
        if q.type != "typing"
    }
    assert set(parsed) == set(wanted)
    for title, q in wanted.items():
        got = parsed[title]
        assert got["type"] == GIFT_TYPE[q.type], title
        assert got["correct"] == expected(q), title
        assert got["stem"].endswith(q.stem), title
        assert got["general"] == q.explanation
    return parsed


def test_every_question_round_trips(mini_project: Path, tmp_path: Path):
    parsed = check_round_trip(mini_project, tmp_path / "mini.gift")
    assert parsed["beta/role-play"]["stem"].startswith("**顾客：** 怎么还没发货？")
    result = run(mini_project, "export gift", "--out", str(tmp_path / "again.gift"))
    assert "有 1 道打字题只能在网站上评分，没有导出：beta/drill" in result.stdout


def test_special_characters_survive(mini_project: Path, tmp_path: Path):
    bank = mini_project / "quizzes/alpha.yml"
    text = bank.read_text(encoding="utf-8")
    text = text.replace(
        "stem: 选出正确的一项。",
        'stem: "价格 {原价} = 99: 打 8 折 ~ 约 #79\\\\ 元？\\n\\n第二段。"',
    )
    text = text.replace("b: 对的", 'b: "a=b {c} ~d #e: f"')
    text = text.replace('answer: ["60", 六十]', 'answer: ["60", "6=0{}"]')
    bank.write_text(text, encoding="utf-8")
    parsed = check_round_trip(mini_project, tmp_path / "special.gift")
    assert (
        parsed["alpha/pick-one"]["stem"] == "价格 {原价} = 99: 打 8 折 ~ 约 #79\\ 元？\n\n第二段。"
    )
    raw = (tmp_path / "special.gift").read_text(encoding="utf-8")
    assert "\n\n第二段" not in raw  # a blank line would end the question early


def test_escape_and_weights():
    assert escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert escape("一\n二") == "一\\n二"
    assert [weight(100 / 3), weight(-50), weight(100)] == ["33.33333", "-50", "100"]


def test_missing_folder_is_refused(mini_project: Path, tmp_path: Path):
    result = run(mini_project, "export gift", "--out", str(tmp_path / "no/such/x.gift"))
    assert result.exit_code == 1
    assert "不存在" in result.output
