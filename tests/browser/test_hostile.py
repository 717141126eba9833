"""The quiz script survives hostile storage and ids (issue 8, item 6).

Stored progress is whatever another version, a browser extension or a curious trainee left under
the course's localStorage key: it is read part by part, a part of the wrong shape is dropped
alone, and grading, the unit summary, the 学习进度 page and the track line keep working. Ids
that are names of object properties (`constructor`, `__proto__`, …) are ordinary ids. A question
or widget whose markup is broken is reported with console.error and the others still work."""

from __future__ import annotations

import json
import re

import pytest
from conftest import FIXTURES  # tests/conftest.py

from .conftest import question, served_course

KEY = "kefu-progress:mini-course"
ALPHA, BETA, PROGRESS, TRACK = "units/alpha/", "units/beta/", "progress/", "tracks/basics/"
HASHES = """() => Object.fromEntries([...document.querySelectorAll('[data-question-id]')]
    .map(q => [q.dataset.questionId, q.dataset.questionHash]))"""
STORE = "([key, text]) => localStorage.setItem(key, text)"
ARRANGE = """(q, keys) => keys.forEach((key, target) => {
    const item = q.querySelector(`[data-option="${key}"]`);
    while ([...item.parentNode.children].indexOf(item) > target) item.querySelector('[data-move="up"]').click();
})"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    """tests/fixtures/hostile: course `valueof`, units `constructor` and `hasownproperty`,
    question ids and option keys named after Object.prototype's properties."""
    yield from served_course(tmp_path_factory.mktemp("hostile"), FIXTURES / "hostile")


def hashes(page, url, path) -> dict[str, str]:
    page.goto(url + path)
    return page.evaluate(HASHES)


def seed(page, url, text: str, start: str = ALPHA) -> None:
    """Leave raw text under the storage key, then open the start page."""
    page.goto(url + start)
    page.evaluate(STORE, [KEY, text])
    page.reload()


def stored(page, key: str = KEY):
    """What the script left in storage (read as text: `__proto__` must stay a plain key)."""
    return json.loads(page.evaluate("key => localStorage.getItem(key)", key))


def check(page, question_id, *keys, text=None):
    q = question(page, question_id)
    for key in keys:
        q.locator(f'input[value="{key}"]').check()
    if text is not None:
        q.locator("input[type=text]").fill(text)
    q.locator("[data-quiz-check]").click()
    return q.get_attribute("data-state")


def row(page, unit_id):
    r = page.locator(f'tr[data-unit="{unit_id}"]')
    return r.locator("[data-unit-score]").inner_text(), r.locator("[data-unit-state]").inner_text()


def score(page, unit_id):
    return page.locator(f'[data-quiz="{unit_id}"]').get_attribute("data-score")


def assert_alpha_grades_and_shows(page, url):
    """Two right answers on alpha: the summary, the progress page and the track line agree,
    and what is stored afterwards is good JSON holding them."""
    assert check(page, "pick-one", "b") == "correct"
    assert check(page, "yes-no", "false") == "correct"
    assert score(page, "alpha") == "2/4"
    assert "得分：2 / 4" in page.locator('[data-quiz="alpha"] [data-quiz-summary]').inner_text()
    page.goto(url + PROGRESS)
    assert row(page, "alpha") == ("2 / 4", "✓ 已通过")
    assert row(page, "beta") == ("–", "未开始")
    assert page.locator("[data-completion]").inner_text() == "已通过 1 / 2 个单元"
    page.goto(url + TRACK)
    assert page.locator("[data-track-progress]").inner_text() == "已通过 1 / 2 个单元"
    assert {"pick-one", "yes-no"} <= set(stored(page)["alpha"]["q"])


# --- what is stored is not even an object -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "{",
        "",
        "null",
        "true",
        "42",
        "1e999",
        '"NaN"',
        "[]",
        '[{"alpha": {"q": {}}}]',
        '{"alpha": 1',
    ],
)
def test_stored_text_that_is_no_progress_is_ignored(page, mini_url, text):
    seed(page, mini_url, text)
    assert score(page, "alpha") is None
    assert_alpha_grades_and_shows(page, mini_url)


# --- a unit's part is of the wrong shape: that unit is dropped, the others stay --------------

BAD_UNITS = {
    "number": 1,
    "null": None,
    "text": "NaN",
    "list": [],
    "unknown field": {"unit": 1},
    "q null": {"q": None},
    "q list": {"q": []},
    "q text": {"q": "x"},
    "b empty": {"b": {}},
    "b null": {"b": None},
    "b without c": {"b": {"d": "2024-05-01"}},
    "b date a number": {"b": {"d": 20240501, "c": {}}},
    "b date a list": {"b": {"d": ["2024-05-01"], "c": {}}},
    "b c a list": {"b": {"d": "2024-05-01", "c": ["sequence"]}},
}


@pytest.mark.parametrize("beta", BAD_UNITS.values(), ids=BAD_UNITS.keys())
def test_a_unit_of_the_wrong_shape_is_dropped_alone(page, mini_url, beta):
    alpha = hashes(page, mini_url, ALPHA)
    good = {
        "q": {"pick-one": {"h": alpha["pick-one"], "ok": True, "a": "b"}},
        "b": {"d": "2024-05-01", "c": {"pick-one": alpha["pick-one"]}},
    }
    seed(
        page, mini_url, json.dumps({"alpha": good, "beta": beta}), start=PROGRESS
    )  # read there first
    assert row(page, "alpha") == ("1 / 4", "✗ 未通过") and row(page, "beta") == ("–", "未开始")
    page.goto(mini_url + ALPHA)
    assert question(page, "pick-one").get_attribute("data-state") == "correct"
    assert score(page, "alpha") == "1/4"
    page.goto(mini_url + BETA)
    assert score(page, "beta") is None
    q = question(page, "sequence")
    q.locator('[data-option="a"] [data-move="up"]').click()
    q.locator("[data-quiz-check]").click()
    assert q.get_attribute("data-state") == "correct" and score(page, "beta") == "1/3"
    page.goto(mini_url + PROGRESS)
    assert row(page, "alpha") == ("1 / 4", "✗ 未通过") and row(page, "beta") == (
        "1 / 3",
        "✗ 未通过",
    )


# --- a question's record is of the wrong shape: that record is dropped, the others stay -------


def bad_records(h):
    """Records for pick-many (a multiple-choice question, key a + c) that are no answer to it."""
    return {
        "null": None,
        "number": 1,
        "text": "x",
        "list": [],
        "empty": {},
        "hash a number": {"h": 5, "ok": True, "a": ["a", "c"]},
        "ok a text": {"h": h, "ok": "true", "a": ["a", "c"]},
        "no answer": {"h": h, "ok": True},
        "answer null": {"h": h, "ok": True, "a": None},
        "answer an object": {"h": h, "ok": True, "a": {"a": 1}},
        "answer numbers": {"h": h, "ok": True, "a": [1, 2]},
        "answer nested": {"h": h, "ok": True, "a": [["a"], "c"]},
    }


def test_question_records_of_the_wrong_shape_are_dropped_alone(page, mini_url):
    alpha = hashes(page, mini_url, ALPHA)
    for name, record in bad_records(alpha["pick-many"]).items():
        records = {"pick-one": {"h": alpha["pick-one"], "ok": True, "a": "b"}, "pick-many": record}
        seed(
            page, mini_url, json.dumps({"alpha": {"q": records}}), start=PROGRESS
        )  # read there first
        assert row(page, "alpha") == ("1 / 4", "✗ 未通过"), name
        page.goto(mini_url + ALPHA)
        assert question(page, "pick-one").get_attribute("data-state") == "correct", name
        assert question(page, "pick-many").get_attribute("data-state") is None, name
        assert score(page, "alpha") == "1/4", name
    page.goto(mini_url + ALPHA)
    assert check(page, "pick-many", "a", "c") == "correct"
    assert score(page, "alpha") == "2/4"


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        ("pick-many", "a"),
        ("pick-many", ["zz"]),
        ("pick-one", ["b"]),
        ("pick-one", "zz"),
        ("yes-no", "maybe"),
        ("blank", ["六十"]),
        ("blank", {"s": 1, "c": 1, "d": True}),
        ("pick-one", {"s": 1, "c": 1, "d": True}),
    ],
)
def test_an_answer_that_does_not_fit_its_question_is_dropped(page, mini_url, question_id, answer):
    """Well formed, but not an answer this question could be given: not shown, not counted,
    and dropped from storage so the progress page agrees."""
    alpha = hashes(page, mini_url, ALPHA)
    other, right = ("pick-one", "b") if question_id == "yes-no" else ("yes-no", "false")
    records = {
        other: {"h": alpha[other], "ok": True, "a": right},
        question_id: {"h": alpha[question_id], "ok": True, "a": answer},
    }
    seed(page, mini_url, json.dumps({"alpha": {"q": records}}))
    assert question(page, question_id).get_attribute("data-state") is None
    assert question(page, question_id).locator("input:checked").count() == 0
    assert score(page, "alpha") == "1/4"
    page.goto(mini_url + PROGRESS)
    assert row(page, "alpha") == ("1 / 4", "✗ 未通过")
    page.goto(mini_url + ALPHA)
    assert (
        check(page, "pick-many", "a", "c") == "correct"
        and check(page, "blank", text="60") == "correct"
    )


def test_an_order_answer_that_is_no_arrangement_of_its_items_is_dropped(page, mini_url):
    beta = hashes(page, mini_url, BETA)
    for answer in (
        ["a", "b", "c"],
        ["a", "b", "c", "zz"],
        ["a", "b", "c", "d", "zz"],
        ["a", "a", "b", "c"],
        ["a,b", "c", "d"],
        "abcd",
        ['"]', "b", "c", "d"],
        [None, "b", "c", "d"],
    ):
        hostile = {"beta": {"q": {"sequence": {"h": beta["sequence"], "ok": True, "a": answer}}}}
        page.evaluate(STORE, [KEY, json.dumps(hostile)])
        page.reload()
        q = question(page, "sequence")
        assert q.get_attribute("data-state") is None, answer
        assert q.locator("[data-option]").evaluate_all(
            "items => items.map(i => i.dataset.option)"
        ) == ["b", "a", "c", "d"]
    q.locator('[data-option="a"] [data-move="up"]').click()
    q.locator("[data-quiz-check]").click()
    assert q.get_attribute("data-state") == "correct"


BAD_TYPING = {
    "speed a text": {"s": "NaN", "c": 1, "d": True, "ok": True},
    "speed huge": {"s": 1e308, "c": 1, "d": True, "ok": True},
    "speed negative": {"s": -1, "c": 1, "d": True, "ok": True},
    "accuracy over 1": {"s": 60, "c": 2, "d": True, "ok": True},
    "done a text": {"s": 60, "c": 1, "d": "yes", "ok": True},
    "ok a text": {"s": 60, "c": 1, "d": True, "ok": "yes"},
    "no speed": {"c": 1, "d": True, "ok": True},
    "a list": [60, 1, True],
}


def test_typing_results_of_the_wrong_shape_are_dropped(page, mini_url):
    beta = hashes(page, mini_url, BETA)
    drill, best = question(page, "drill"), question(page, "drill").locator("[data-typing-best]")
    good = {"s": 60, "c": 1, "d": True, "ok": True}
    page.evaluate(
        STORE,
        [
            KEY,
            json.dumps(
                {"beta": {"q": {"drill": {"h": beta["drill"], "ok": True, "a": good, "tb": good}}}}
            ),
        ],
    )
    page.reload()
    assert drill.get_attribute("data-state") == "correct"
    assert best.inner_text() == "最佳成绩：60 字/分钟，准确率 100.0%"
    for name, typing in BAD_TYPING.items():
        hostile = {
            "beta": {"q": {"drill": {"h": beta["drill"], "ok": True, "a": typing, "tb": typing}}}
        }
        page.evaluate(STORE, [KEY, json.dumps(hostile)])
        page.reload()
        assert drill.get_attribute("data-state") is None, name
        assert best.inner_text() == "", name
        assert score(page, "beta") is None, name


def test_extra_fields_stale_units_and_property_names_in_storage(page, mini_url):
    """Fields this version does not know are dropped, a unit the course no longer has is kept
    but shown nowhere, and keys named like Object.prototype's properties are plain keys."""
    alpha = hashes(page, mini_url, ALPHA)
    good = {"h": alpha["pick-one"], "ok": True, "a": "b", "extra": {"x": 1}}
    hostile = {
        "alpha": {
            "q": {"pick-one": good, "constructor": {"h": "x", "ok": True, "a": "a"}},
            "extra": 1,
        },
        "gone-unit": {"q": {"old": {"h": "0123456789", "ok": True, "a": "a"}}},
        "__proto__": {"q": {"pick-one": good}},
        "constructor": {"q": {}},
        "toString": 1,
        "hasOwnProperty": {"q": {"hasOwnProperty": {"h": "x", "ok": False, "a": "x"}}},
        "valueOf": None,
    }
    seed(page, mini_url, json.dumps(hostile))
    assert question(page, "pick-one").get_attribute("data-state") == "correct"
    assert score(page, "alpha") == "1/4"
    assert check(page, "yes-no", "false") == "correct"
    kept = stored(page)
    assert set(kept) == {"alpha", "gone-unit", "__proto__", "constructor", "hasOwnProperty"}
    assert kept["alpha"]["q"]["pick-one"] == {"h": alpha["pick-one"], "ok": True, "a": "b"}
    assert "extra" not in kept["alpha"]
    page.goto(mini_url + PROGRESS)
    assert page.locator("tr[data-unit]").count() == 2
    assert row(page, "alpha") == ("2 / 4", "✓ 已通过") and row(page, "beta") == ("–", "未开始")
    assert page.locator("[data-completion]").inner_text() == "已通过 1 / 2 个单元"
    assert page.evaluate(
        "() => ({}).q === undefined && ({}).b === undefined"
    )  # nothing leaked into Object.prototype


# --- ids named after Object.prototype's properties ----------------------------------------


def test_a_unit_called_constructor_grades_saves_and_shows(page, hostile_url):
    page.goto(hostile_url + "units/constructor/")
    quiz = page.locator('[data-quiz="constructor"]')
    assert check(page, "constructor", "constructor") == "correct"
    assert check(page, "tostring", "hasOwnProperty", "valueOf") == "correct"
    assert check(page, "valueof", text="Constructor") == "correct"
    q = question(page, "hasownproperty")
    q.evaluate(ARRANGE, ["constructor", "toString", "valueOf"])
    assert q.locator("[data-option]").evaluate_all("items => items.map(i => i.dataset.option)") == [
        "constructor",
        "toString",
        "valueOf",
    ]
    q.locator("[data-quiz-check]").click()
    assert q.get_attribute("data-state") == "correct"
    assert check(page, "isprototypeof", "false") == "incorrect"
    assert quiz.get_attribute("data-score") == "4/5" and quiz.get_attribute("data-passed") == "true"
    kept = stored(page, "kefu-progress:valueof")
    assert set(kept) == {"constructor"}
    assert set(kept["constructor"]["q"]) == {
        "constructor",
        "tostring",
        "valueof",
        "hasownproperty",
        "isprototypeof",
    }
    page.reload()
    assert quiz.get_attribute("data-score") == "4/5"
    assert question(page, "tostring").locator('input[value="valueOf"]').is_checked()
    assert question(page, "isprototypeof").get_attribute("data-state") == "incorrect"
    page.goto(hostile_url + "units/hasownproperty/")
    assert check(page, "proto", "b") == "incorrect"
    page.goto(hostile_url + "progress/")
    assert row(page, "constructor") == ("4 / 5", "✓ 已通过")
    assert row(page, "hasownproperty") == ("0 / 1", "✗ 未通过")
    assert page.locator("[data-completion]").inner_text() == "已通过 1 / 2 个单元"
    page.locator("#kefu-trainee").fill("张三")
    with page.expect_download() as download:
        page.locator("[data-download]").click()
    results = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert [(u["unit"], u["score"], u["missed"]) for u in results["units"]] == [
        ("constructor", 4, ["isprototypeof"]),
        ("hasownproperty", 0, ["proto"]),
    ]
    page.goto(hostile_url + "tracks/tostring/")
    assert page.locator("[data-track-progress]").inner_text() == "已通过 1 / 2 个单元"


# --- one broken part of a page leaves the others working ----------------------------------


def corrupt(page, url_glob, *edits):
    """Serve the page with regex edits to its HTML, before any script sees it."""

    def handle(route):
        html = route.fetch().text()
        for pattern, replacement in edits:
            html, count = re.subn(pattern, replacement, html, count=1, flags=re.S)
            assert count == 1, pattern
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route(url_glob, handle)


def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def test_a_broken_question_leaves_the_others_grading(page, mini_url):
    errors = console_errors(page)
    corrupt(
        page,
        "**/units/alpha/",
        (r'(data-question-id="pick-many"[^>]*data-answer=")[^"]*', r"\1{broken"),
        (r'(data-question-id="yes-no".*?)<details class="kefu-answer">.*?</details>', r"\1"),
    )
    page.goto(mini_url + ALPHA)
    assert len([e for e in errors if "kefu: question not graded" in e]) == 2, errors
    for broken in ("pick-many", "yes-no"):
        assert not question(page, broken).locator("[data-quiz-check]").is_visible()
    assert check(page, "pick-one", "b") == "correct"
    assert check(page, "blank", text="六十") == "correct"
    assert score(page, "alpha") == "2/4"  # out of all four questions, as on the progress page
    page.reload()
    assert question(page, "blank").get_attribute("data-state") == "correct"
    page.unroute("**/units/alpha/")
    page.goto(mini_url + PROGRESS)
    assert row(page, "alpha") == ("2 / 4", "✓ 已通过")


def test_a_broken_widget_leaves_the_others_working(page, mini_url):
    errors = console_errors(page)
    broken = (
        '<p data-track-progress data-course="mini-course" data-units="{broken" '
        'data-strings="{}" hidden></p>'
    )
    corrupt(page, "**/progress/", (r'(<div class="kefu-progress")', broken + r"\1"))
    page.goto(mini_url + PROGRESS)
    assert any("kefu: widget not set up" in e for e in errors), errors
    assert page.locator("[data-completion]").inner_text() == "已通过 0 / 2 个单元"
    page.locator("[data-clear]").click()
    assert page.locator("[data-clear-confirm]").is_visible()
    corrupt(page, "**/units/beta/", (r'data-strings="[^"]*"', 'data-strings="{"'))
    page.goto(mini_url + BETA)
    assert len([e for e in errors if "kefu: widget not set up" in e]) == 2, errors
    assert not page.locator('[data-quiz="beta"].kefu-js').count()
    assert not page.locator("[data-quiz-check]").first.is_visible()  # no button that does nothing
    assert page.locator(
        "details.kefu-answer summary"
    ).first.is_visible()  # the answers as without JavaScript


# --- storage that throws ------------------------------------------------------------------

FULL_STORAGE = """const write = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
        if (key.startsWith('kefu-progress:mini')) throw new DOMException('Quota exceeded', 'QuotaExceededError');
        return write.call(this, key, value);
    };"""


def test_storage_full_on_write_keeps_grading(pages, mini_url):
    """The probe write works, the real one fails (quota exceeded): grading goes on, the page
    says progress is not kept."""
    page = pages.new(init_script=FULL_STORAGE)
    page.goto(mini_url + ALPHA)
    note = page.locator('[data-quiz="alpha"] [data-nostore]')
    assert not note.is_visible()
    assert check(page, "pick-one", "b") == "correct"
    assert note.is_visible()
    assert check(page, "yes-no", "false") == "correct"
    assert score(page, "alpha") == "2/4"
    page.locator("[data-quiz-reset]").click()
    page.locator("[data-reset-yes]").click()
    assert score(page, "alpha") is None
