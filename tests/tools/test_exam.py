import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.course.load import load_curriculum
from generator.tools.exam import build_exam

from .helpers import run


class Text(HTMLParser):
    """The visible text of a page, and every tag with its attributes."""

    def __init__(self):
        super().__init__()
        self.parts, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.parts.append(data)


def parse(path: Path) -> Text:
    page = Text()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_same_seed_same_bytes_other_seed_other_paper(mini_project: Path, tmp_path: Path):
    for name, seed in (("one", "5"), ("two", "5"), ("three", "6")):
        result = run(
            mini_project, "exam", "--count", "6", "--seed", seed, "--out", str(tmp_path / name)
        )
        assert result.exit_code == 0, result.output
    for page in ("exam.html", "answers.html"):
        assert (tmp_path / "one" / page).read_bytes() == (tmp_path / "two" / page).read_bytes()
    assert (tmp_path / "one/exam.html").read_bytes() != (tmp_path / "three/exam.html").read_bytes()


def test_paper_has_print_layout_and_no_answers(mini_project: Path, tmp_path: Path):
    result = run(mini_project, "exam", "--count", "6", "--seed", "1", "--out", str(tmp_path))
    assert "跳过了 1 道打字题（纸上没法考）：beta/drill" in result.stdout
    html = (tmp_path / "exam.html").read_text(encoding="utf-8")
    assert re.search(r"@page\s*\{\s*size:\s*A4;\s*margin:\s*2cm;", html)
    page = parse(tmp_path / "exam.html")
    text = "".join(page.parts)
    for field in ("姓名：", "日期：", "得分："):
        assert field in text
    curriculum = load_curriculum(mini_project)
    for bank in curriculum.banks.values():
        for q in bank.questions:
            assert q.explanation not in text
            assert all(
                feedback not in text
                for o in getattr(q, "options", {}).values()
                if (feedback := o.feedback)
            )
    assert "六十" not in text and "输入下面这段话" not in text  # fill key; the typing drill
    assert not [t for t, attrs in page.tags if t in ("script", "link", "img", "iframe")]
    assert not [attrs for _, attrs in page.tags if "src" in attrs or "href" in attrs]
    assert "url(" not in html and "@import" not in html  # no external resources


def test_answer_key_matches_the_shuffled_options(mini_project: Path):
    curriculum = load_curriculum(mini_project)
    for seed in range(10):
        paper = build_exam(curriculum, ["alpha", "beta"], 6, seed)
        for _, qtype, items in paper.sections:
            for item in items:
                q, shown = item.q, dict(item.options)
                if qtype in ("single", "scenario"):
                    assert shown[item.key].text == q.options[q.answer].text
                elif qtype == "multiple":
                    assert {shown[k].text for k in item.key} == {
                        q.options[k].text for k in q.answer
                    }
                elif qtype == "order":
                    assert [shown[n].text for n in item.key.split(" → ")] == [
                        q.options[k].text for k in q.answer
                    ]
                    assert [o.text for _, o in item.options] != [
                        q.options[k].text for k in q.answer
                    ]


def test_answers_page_lists_key_and_explanation(mini_project: Path, tmp_path: Path):
    run(mini_project, "exam", "--count", "6", "--seed", "2", "--out", str(tmp_path))
    text = "".join(parse(tmp_path / "answers.html").parts)
    paper = build_exam(load_curriculum(mini_project), ["alpha", "beta"], 6, 2)
    for _, _, items in paper.sections:
        for item in items:
            assert f"答案：{item.key}" in text
            assert item.q.explanation in text
    assert "60 ／ 六十" in text


def test_questions_spread_evenly(mini_project: Path):
    curriculum = load_curriculum(mini_project)
    paper = build_exam(curriculum, ["alpha", "beta"], 4, 9)
    units = [item.unit.id for _, _, items in paper.sections for item in items]
    assert sorted(units) == ["alpha", "alpha", "beta", "beta"]
    numbers = [item.number for _, _, items in paper.sections for item in items]
    assert numbers == [1, 2, 3, 4]
    only_beta = build_exam(curriculum, ["beta"], 2, 9)
    assert {item.q.type for _, _, items in only_beta.sections for item in items} == {
        "order",
        "scenario",
    }


def test_pdf_is_optional(mini_project: Path, tmp_path: Path):
    result = run(mini_project, "exam", "--count", "2", "--out", str(tmp_path))
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        assert "没有安装 WeasyPrint" in result.stdout
        assert not list(tmp_path.glob("*.pdf"))
    else:
        assert (tmp_path / "exam.pdf").read_bytes().startswith(b"%PDF")
    assert re.search(r"试卷编号（seed）\d+：用 --seed \d+ 可以再印出同一份试卷", result.stdout)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--units", "alpha,nope"], "没有这些单元：nope"),
        (["--count", "0"], "--count 至少要是 1"),
        (["--count", "7"], "超过了所选单元里能印在纸上的 6 道题"),
        (["--count", "many"], "--count / -n 要写一个整数"),
    ],
)
def test_bad_input(mini_project: Path, tmp_path: Path, args, message):
    result = run(mini_project, "exam", *args, "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert message in result.output
    assert not (tmp_path / "out").exists()


def test_unwritable_out_is_refused(mini_project: Path, tmp_path: Path):
    (tmp_path / "a-file").write_text("x")
    result = run(mini_project, "exam", "--count", "2", "--out", str(tmp_path / "a-file/exam"))
    assert result.exit_code == 1
    assert "无法写入" in result.output


def test_an_order_question_is_never_printed_solved(mini_project: Path):
    """With three steps, one shuffle in six comes out solved: those must be shuffled again."""
    bank = mini_project / "quizzes/beta.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace(
            "      d: 第四步\n    answer: [a, b, c, d]", "    answer: [a, b, c]"
        ),
        encoding="utf-8",
    )
    curriculum = load_curriculum(mini_project)
    for seed in range(60):
        paper = build_exam(curriculum, ["beta"], 2, seed)
        (order,) = [
            item for _, qtype, items in paper.sections if qtype == "order" for item in items
        ]
        printed = [key for _, key in order.original]
        assert sorted(printed) == ["a", "b", "c"] and printed != ["a", "b", "c"], seed
