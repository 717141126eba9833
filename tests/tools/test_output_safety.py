"""Issue 8, item 5: what the tools write is harmless for the program that opens it, and
`report` names a bad results file instead of crashing on it (or hanging)."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from generator.outputs import BIDI_CONTROLS, csv_cell, one_line, terminal_text

from .helpers import run
from .test_gift import check_round_trip
from .test_report import results, unit, write

pytestmark = pytest.mark.usefixtures("english")  # about safe output, not wording

GOOD = results("张三", [unit("alpha", 3, 4, True, ["blank"])])
FORMULAS = ['=HYPERLINK("http://x","点我")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]
SCRIPT = "<script>alert(1)</script> & ]]>"


@pytest.fixture
def no_hang():
    """A read that blocks (a FIFO opened for reading) fails the test instead of hanging it."""

    def stuck(*_):
        raise AssertionError(
            "the command hung on a blocking read"
        )  # not an OSError: nothing catches it

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def control_characters(text: str) -> list[str]:
    return [
        c for c in text if (unicodedata.category(c) == "Cc" and c != "\n") or c in BIDI_CONTROLS
    ]


def yaml_text(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's too)."""
    return json.dumps(text)


def edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


# --- report: every bad file is a one-line message; the good files are still reported ----------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


BAD_FILES = [
    (
        "deep.json",
        "[" * 100_000,
        "not a results file: nested far too deep (recursion limit exceeded at line 1 column 202)",
    ),
    (
        "deep-object.json",
        '{"a":' * 100_000,
        "not a results file: nested far too deep (recursion limit exceeded at line 1 column 1006)",
    ),
    (
        "huge.json",
        " " * 1_000_001 + "{}",
        "is larger than 1 MB, far more than any results file; is it the right file?",
    ),
    ("chat.json", "聊天记录", "not a JSON results file (expected value at line 1 column 1)"),
    ("nan.json", '{"format": NaN}', "not a JSON results file (expected value at line 1 column 12)"),
    (
        "latin1.json",
        b'{"trainee": "Jos\xe9"}',
        "not UTF-8 text (byte 0xe9 at position 16); give the file exactly as the site downloaded it",
    ),
    ("units-object.json", {**GOOD, "units": {"a": 1}}, "'units' must be a list, not {\"a\": 1}"),
    ("unit-number.json", {**GOOD, "units": [1]}, "'units'[0] must be an object, not 1"),
    (
        "float-score.json",
        {**GOOD, "units": [{**GOOD["units"][0], "score": 3.0}]},
        "units[0]: 'score' must be a whole number, not 3.0",
    ),
    (
        "negative.json",
        {**GOOD, "units": [{**GOOD["units"][0], "score": -1}]},
        "units[0]: 'score' must be at least 0, not -1",
    ),
    (
        "missed-escape.json",
        {**GOOD, "units": [{**GOOD["units"][0], "missed": ["blank", "\x1b[2J"]}]},
        (
            "units[0]: 'missed'[1] must be an id such as 'after-sales' (lowercase letters, digits and -), "
            'not "\\u001b[2J"'
        ),
    ),
    (
        "unit-bidi.json",
        {**GOOD, "units": [{**GOOD["units"][0], "unit": "\u202eahpla"}]},
        (
            "units[0]: 'unit' must be an id such as 'after-sales' (lowercase letters, digits and -), "
            'not "\\u202eahpla"'
        ),
    ),
    ("trainee-list.json", {**GOOD, "trainee": ["张三"]}, "'trainee' must be text, not [\"张三\"]"),
    (
        "trainee-escapes.json",
        {**GOOD, "trainee": "\x1b[2J\x07"},
        "'trainee' must be a name of 1 to 40 characters",
    ),
    (
        "long-date.json",
        {**GOOD, "exported_at": "9" * 41},
        (
            "'exported_at' must be at most 40 characters, not "
            '"99999999999999999999999999999999999999…'
        ),
    ),
    (
        "fifo.json",
        _fifo,
        "is not a regular file (a pipe, socket or device); give the downloaded .json file",
    ),
    (
        "dangling.json",
        lambda path: path.symlink_to("gone.json"),
        "a link to a file that does not exist",
    ),
    ("loop.json", _loop, "cannot be read (Too many levels of symbolic links)"),
    ("missing.json", lambda path: None, "no such file or folder"),
]


@pytest.mark.parametrize(
    ("name", "content", "message"), BAD_FILES, ids=[case[0] for case in BAD_FILES]
)
def test_bad_results_file_is_one_line_and_the_good_file_is_still_reported(
    mini_project: Path, tmp_path: Path, no_hang, name, content, message
):
    good = write(tmp_path, "zhang.json", GOOD)
    bad = tmp_path / name
    if callable(content):
        content(bad)
    elif isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        write(tmp_path, name, content)
    result = run(mini_project, "report", str(good), str(bad), "--csv", str(tmp_path / "class.csv"))
    assert result.stderr.splitlines() == [
        f"{bad}: {message}; skipped",
        "1 of 2 files could not be read (named above); the report covers the other 1",
    ]
    assert result.exit_code == 1
    assert "1 名学员，1 个文件" in result.stdout and "张三" in result.stdout
    assert (tmp_path / "class.csv").is_file()  # the outputs are written all the same


def test_a_folder_is_read_past_its_bad_entries_and_editor_debris(
    mini_project: Path, tmp_path: Path, no_hang
):
    folder = tmp_path / "results"
    folder.mkdir()
    write(folder, "zhang.json", GOOD)
    os.mkfifo(folder / "pipe.json")
    (folder / "sub.json").mkdir()
    (folder / ".#zhang.json").symlink_to("user@host.1234")  # an Emacs lock: not named, not counted
    result = run(mini_project, "report", str(folder))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        (
            f"{folder / 'pipe.json'}: is not a regular file (a pipe, socket or device); give the downloaded .json "
            "file; skipped"
        ),
        f"{folder / 'sub.json'}: is a folder, not a results file; skipped",
        "2 of 3 files could not be read (named above); the report covers the other 1",
    ]
    assert "1 名学员，1 个文件" in result.stdout


def test_extra_fields_are_ignored_and_all_good_files_exit_0(mini_project: Path, tmp_path: Path):
    path = write(
        tmp_path,
        "r.json",
        {**GOOD, "app": "future version", "units": [{**GOOD["units"][0], "seconds": 30}]},
    )
    result = run(mini_project, "report", str(path))
    assert result.exit_code == 0 and result.stderr == ""


# --- CSV: one rule for every cell of every CSV --------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x","点我")', '\'=HYPERLINK("http://x","点我")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("-2+3", "'-2+3"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("张三", "张三"),
        ("3/4 ✓", "3/4 ✓"),
        ("–", "–"),  # the en dash of a unit not taken is not a minus
        ("a=b", "a=b"),
        ("", ""),
        (2, 2),
    ],
)
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell


def read_csv(path: Path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_report_csv_neutralises_trainee_names(mini_project: Path, tmp_path: Path):
    names = [*FORMULAS, "\t=1+1"]
    paths = [
        write(tmp_path, f"{n}.json", results(name, [unit("alpha", 1, 4, False)]))
        for n, name in enumerate(names)
    ]
    result = run(mini_project, "report", *map(str, paths), "--csv", str(tmp_path / "class.csv"))
    assert result.exit_code == 0, result.output
    first_column = [row[0] for row in read_csv(tmp_path / "class.csv")[1:-1]]
    assert sorted(first_column) == sorted(["'" + name for name in FORMULAS] + ["'=1+1"])


def test_export_csv_neutralises_every_column(mini_project: Path, tmp_path: Path):
    edit(
        mini_project / "quizzes/alpha.yml",
        ("stem: 选出正确的一项。", "stem: '=1+1'"),
        ("explanation: 因为 B 是对的。", "explanation: '-5 元'"),
        ('answer: ["60", 六十]', "answer: ['@SUM(1+1)', 六十]"),
    )
    edit(mini_project / "quizzes/beta.yml", ("    stem: 排好顺序。", "    stem: '+cmd'"))
    out = tmp_path / "questions.csv"
    assert run(mini_project, "export csv", "--out", str(out)).exit_code == 0
    rows = {row[1]: row for row in read_csv(out)[1:]}
    assert rows["pick-one"][4] == "'=1+1" and rows["pick-one"][7] == "'-5 元"
    assert rows["blank"][6] == "'@SUM(1+1) | 六十"
    assert rows["sequence"][4] == "'+cmd"
    assert not [
        cell
        for row in rows.values()
        for cell in row
        if cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    ]


# --- terminal: no escape sequence or control character from a file reaches it --------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("张三\x1b[2J", "张三"),
        ("\x1b]0;title\x07李四", "李四"),
        ("\x1b]8;;http://evil.example\x1b\\点我\x1b]8;;\x1b\\", "点我"),
        ("\x9b31m红字", "红字"),
        ("王五\r赵六", "王五 赵六"),
        ("ab\x08\x08cd", "abcd"),
        ("\x00\x07\x7f\x85\x9d好", " 好"),
        ("\u202e反转\u202c \u2066隔离\u2069 \u200f", "反转 隔离 "),
        ("第一行\r\n第二行\t二", "第一行\n第二行 二"),
        ("客服学堂：欢迎光临！ ok", "客服学堂：欢迎光临！ ok"),
    ],
)
def test_terminal_text(text, shown):
    assert terminal_text(text) == shown
    assert not control_characters(terminal_text(text))


def test_one_line_is_terminal_safe_and_on_one_line():
    assert one_line("  张\n三\x1b[1m \u2028 ") == "张 三"


def test_report_prints_no_escape_sequence_from_names_titles_or_file_names(
    mini_project: Path, tmp_path: Path
):
    edit(
        mini_project / "curriculum/units/alpha.yml",
        ("title: 单元甲", "title: " + yaml_text("单元甲\x1b[2J\u202e")),
    )
    hostile = "\x1b]0;pwned\x07张\x1b[31m三\u202e\r"
    good = write(tmp_path, "good.json", results(hostile, [unit("alpha", 1, 4, False, ["blank"])]))
    bad = write(tmp_path, "\x1b[2J\u202ebad.json", {**GOOD, "course": "\x1b[2J"})
    result = run(mini_project, "report", str(good), str(bad))
    assert result.exit_code == 1
    assert not control_characters(result.stdout) and not control_characters(result.stderr)
    assert "张三" in result.stdout and "单元甲" in result.stdout
    assert "bad.json: results of another course ('\\x1b[2J'" in result.stderr


def test_stats_prints_no_escape_sequence_and_its_json_keeps_the_data(mini_project: Path):
    title = "单元甲\x1b[2J\x9b1m\u202e"
    edit(
        mini_project / "curriculum/units/alpha.yml", ("title: 单元甲", "title: " + yaml_text(title))
    )
    text = run(mini_project, "stats")
    assert text.exit_code == 0 and "单元甲" in text.stdout and not control_characters(text.stdout)
    as_json = run(mini_project, "stats", "--json")
    assert not control_characters(as_json.stdout)
    assert json.loads(as_json.stdout)["units"][0]["title"] == title  # escaped, not lost


# --- GIFT: header lines stay comments; every text is escaped --------------------------------------


def test_a_line_break_in_the_course_title_cannot_leave_the_gift_comment(
    mini_project: Path, tmp_path: Path
):
    plain = tmp_path / "plain.gift"
    assert run(mini_project, "export gift", "--out", str(plain)).exit_code == 0
    title = "迷你课程\n::injected::注入 {=是 ~否}\r$CATEGORY: evil\u2028::u2028:: {TRUE}\r\n\n\x85::nel:: {FALSE}"
    edit(mini_project / "curriculum/course.yml", ("title: 迷你课程", "title: " + yaml_text(title)))
    hostile = tmp_path / "hostile.gift"
    parsed = check_round_trip(mini_project, hostile)
    assert not any(name in parsed for name in ("injected", "u2028", "nel"))
    first, rest = hostile.read_text(encoding="utf-8").split("\n", 1)
    assert first == (
        "// 迷你课程 ::injected::注入 {=是 ~否} $CATEGORY: evil ::u2028:: {TRUE} ::nel:: {FALSE}: "
        "6 questions, exported by `curriculum export gift`"
    )
    assert rest == plain.read_text(encoding="utf-8").split("\n", 1)[1]  # nothing else changed


SPECIALS = "~ = # { } : \\ ####"


def test_special_characters_and_line_breaks_are_escaped_in_every_field(
    mini_project: Path, tmp_path: Path
):
    edit(
        mini_project / "quizzes/alpha.yml",
        (
            "c: {text: 错的乙, feedback: 乙不对。}",
            "c: {text: 错的乙, feedback: " + yaml_text("乙" + SPECIALS + "\r不对") + "}",
        ),
        ("explanation: 因为 B 是对的。", "explanation: " + yaml_text("因为" + SPECIALS + " b 对")),
        ("b: 对的", "b: {text: 对的, feedback: " + yaml_text("反馈\u2028\x0b\x0c\x85对") + "}"),
        ("explanation: A 和 C 对。", "explanation: " + yaml_text("前\n\n空行")),
    )
    edit(
        mini_project / "quizzes/beta.yml",
        ("a: 第一步", "a: " + yaml_text("第一步" + SPECIALS)),
        ("- agent: 亲，我查一下。", "- agent: " + yaml_text("亲" + SPECIALS + "\r查一下")),
    )
    out = tmp_path / "special.gift"
    check_round_trip(mini_project, out)
    text = out.read_text(encoding="utf-8")
    assert not re.search(r"[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", text)
    escaped = "\\~ \\= \\# \\{ \\} \\: \\\\ \\#\\#\\#\\#"
    assert f"\t~错的乙#乙{escaped}\\n不对\n" in text
    assert "\t=对的#反馈\\n\\n\\n\\n对\n" in text
    assert f"####因为{escaped} b 对\n" in text
    assert f"\t=第一步{escaped} -> 1\n" in text and f"**客服：** 亲{escaped}\\n查一下" in text
    assert "####前\\n\\n空行" in text


MOODLE_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")  # question/format/gift/format.php


def moodle_answer(raw: str) -> tuple[str | None, str]:
    """(grade Moodle reads, the rest) for one answer after its `~` or `=`."""
    match = MOODLE_WEIGHT.match(raw)
    return (raw[1 : match.end() - 1], raw[match.end() :]) if match else (None, raw)


def test_answers_that_look_like_a_grade_or_a_format_stay_text(mini_project: Path, tmp_path: Path):
    edit(
        mini_project / "quizzes/alpha.yml",
        ("a: 错的甲", "a: '%50% 的顾客'"),
        ("b: 对的", "b: '[plain]对的'"),
        ('answer: ["60", 六十]', "answer: ['%10%', 六十]"),
    )
    out = tmp_path / "weights.gift"
    assert run(mini_project, "export gift", "--out", str(out)).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    wrong = next(line for line in lines if "的顾客" in line).strip()
    assert wrong.startswith("~") and moodle_answer(wrong[1:]) == ("0", "%50% 的顾客")
    assert "\t=[markdown][plain]对的" in lines
    fill = next(line for line in lines if line.startswith("::alpha/blank::"))
    assert " {=%100%%10% =六十####" in fill
    assert moodle_answer(fill.split(" {=", 1)[1]) == ("100", "%10% =六十####常见要求是 60 字。}")


# --- QTI and HTML: markup in trainer text stays text ----------------------------------------------


def hostile_course(project: Path) -> None:
    edit(project / "curriculum/course.yml", ("title: 迷你课程", "title: " + yaml_text(SCRIPT)))
    edit(project / "curriculum/units/alpha.yml", ("title: 单元甲", "title: " + yaml_text(SCRIPT)))
    edit(
        project / "quizzes/alpha.yml",
        ("b: 对的", "b: " + yaml_text(f"`{SCRIPT}`")),  # raw HTML in an option is refused
        ("stem: 选出正确的一项。", "stem: " + yaml_text("`<script>` & ]]> 选")),
        ("explanation: 因为 B 是对的。", "explanation: " + yaml_text("因为 a & b ]]> `</x>`")),
        ('answer: ["60", 六十]', "answer: " + yaml_text(["60", "<i>&]]>"])),
    )


def test_qti_items_stay_well_formed_with_markup_in_the_text(mini_project: Path, tmp_path: Path):
    hostile_course(mini_project)
    out = tmp_path / "qti.zip"
    assert run(mini_project, "export qti", "--out", str(out)).exit_code == 0
    package = zipfile.ZipFile(out)
    roots = {
        name: ET.fromstring(package.read(name)) for name in package.namelist()
    }  # raises if not XML
    assert not [
        e
        for root in roots.values()
        for e in root.iter()
        if e.tag.rsplit("}", 1)[-1] in ("script", "i")
    ]
    pick_one = "".join(roots["items/q-alpha--pick-one.xml"].itertext())
    assert (
        SCRIPT in pick_one and "<script> & ]]> 选" in pick_one and "因为 a & b ]]> </x>" in pick_one
    )
    blank = roots["items/q-alpha--blank.xml"]
    assert "<i>&]]>" in [e.get("mapKey") for e in blank.iter() if e.tag.endswith("mapEntry")]


def test_report_and_exam_html_escape_markup(mini_project: Path, tmp_path: Path):
    hostile_course(mini_project)
    good = write(
        tmp_path, "r.json", results(SCRIPT[:40], [unit("alpha", 1, 4, False, ["pick-one"])])
    )
    assert (
        run(mini_project, "report", str(good), "--html", str(tmp_path / "class.html")).exit_code
        == 0
    )
    assert (
        run(
            mini_project, "exam", "-u", "alpha", "-n", "4", "-s", "1", "-o", str(tmp_path / "exam")
        ).exit_code
        == 0
    )
    for page in (
        tmp_path / "class.html",
        tmp_path / "exam/exam.html",
        tmp_path / "exam/answers.html",
    ):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html.lower(), page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;" in html, page
