import csv
from pathlib import Path

from generator.course.load import load_curriculum

from .helpers import run

COLUMNS = ["unit", "id", "type", "objective", "stem", "options", "answer", "explanation"]


def test_rows_read_back_equal_the_banks(mini_project: Path, tmp_path: Path):
    bank = mini_project / "quizzes/alpha.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace(
            "stem: 选出正确的一项。", 'stem: "选出正确的一项，\\"引号\\"，逗号,\\n\\n第二段"'
        ),
        encoding="utf-8",
    )
    out = tmp_path / "questions.csv"
    result = run(mini_project, "export csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "已写入" in result.stdout
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    with open(out, encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        assert reader.fieldnames == COLUMNS
        rows = list(reader)
    curriculum = load_curriculum(mini_project)
    questions = [(u, q) for u, b in curriculum.banks.items() for q in b.questions]
    assert [(r["unit"], r["id"], r["type"], r["objective"]) for r in rows] == [
        (u, q.id, q.type, q.objective) for u, q in questions
    ]
    for row, (_, q) in zip(rows, questions, strict=False):
        assert row["stem"].endswith(q.stem) and row["explanation"] == q.explanation
        options = dict(line.split(". ", 1) for line in row["options"].splitlines())
        assert options == {k: o.text for k, o in getattr(q, "options", {}).items()}
        answer = {
            "single": lambda: q.answer,
            "scenario": lambda: q.answer,
            "truefalse": lambda: str(q.answer).lower(),
            "order": lambda: " > ".join(q.answer),
            "multiple": lambda: " | ".join(q.answer),
            "fill": lambda: " | ".join(q.answer),
            "typing": lambda: q.passage,
        }[q.type]()
        assert row["answer"] == answer, q.id
    scenario = next(r for r in rows if r["type"] == "scenario")
    assert scenario["stem"].startswith("顾客：怎么还没发货？\n客服：亲，我查一下。")
