"""Tracks lead (issue 10, items 1 and 2): next/previous units in track order, a unit in two
tracks follows the track the trainee came from, 继续学习 on the home page, units marked on the
track page, 学习进度 grouped by track, and the navigation by track on the phone."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import FIXTURES  # tests/conftest.py
from playwright.sync_api import expect

from generator.course.load import load_curriculum

from .conftest import DESKTOP, give_all, served_course
from .test_accessibility import answer_beta, violations

MINI = load_curriculum(FIXTURES / "mini")
REVIEW = """  - id: review
    title: 复习路径
    audience: trainee
    units: [beta, alpha]
"""
SHOWN_NEXT, SHOWN_PREVIOUS = "a[data-next-unit]:visible", "a[data-previous-unit]:visible"


@pytest.fixture(scope="module")
def two_tracks_url(tmp_path_factory):
    """The mini course with a second track, 复习路径: beta then alpha."""
    source = tmp_path_factory.mktemp("two-tracks-source") / "mini"
    shutil.copytree(FIXTURES / "mini", source)
    course = source / "curriculum/course.yml"
    course.write_text(course.read_text(encoding="utf-8") + REVIEW, encoding="utf-8")
    yield from served_course(tmp_path_factory.mktemp("two-tracks"), source)


def arrived(page, path: str) -> None:
    """Wait for instant navigation to a page (the theme may add a section anchor)."""
    page.wait_for_url(re.compile(re.escape(path) + "(#.*)?$"))


def at_place(page, text: str) -> None:
    """The unit page shows this place (waiting for instant navigation to swap the content)."""
    expect(page.locator(".kefu-unit-place:visible")).to_have_text(text)


def link(page, selector: str) -> tuple[str, str]:
    """Where a link points, from the site's root, and what it says."""
    found = page.locator(selector)
    root = page.evaluate("new URL(document.querySelector('.md-header__button.md-logo').href).href")
    return found.evaluate("a => a.href").removeprefix(root), found.inner_text()


def test_next_and_previous_units_follow_the_track(page, mini_url):
    page.goto(mini_url + "units/alpha/")
    at_place(page, "基础路径 · 第 1/2 单元")
    assert link(page, SHOWN_PREVIOUS) == ("tracks/basics/", "路径概览：基础路径")
    assert link(page, SHOWN_NEXT) == ("units/beta/", "下一单元：单元乙")
    page.locator(SHOWN_NEXT).click()
    arrived(page, "units/beta/")
    at_place(page, "基础路径 · 第 2/2 单元")
    assert link(page, SHOWN_PREVIOUS) == ("units/alpha/", "上一单元：单元甲")
    assert link(page, SHOWN_NEXT) == ("tracks/basics/", "本路径已学完，返回：基础路径")
    # The theme's footer agrees.
    assert link(page, ".md-footer__link--prev")[0] == "units/alpha/"
    assert link(page, ".md-footer__link--next")[0] == "tracks/basics/"
    page.locator(SHOWN_NEXT).click()
    arrived(page, "tracks/basics/")


def test_a_unit_in_two_tracks_follows_the_track_the_trainee_came_from(page, two_tracks_url):
    page.goto(two_tracks_url + "units/alpha/")  # from nowhere: the first track
    at_place(page, "基础路径 · 第 1/2 单元")
    assert page.locator(".md-footer__inner").is_visible()
    page.goto(two_tracks_url + "tracks/review/")
    page.locator('.kefu-track-units a[href$="units/alpha/"]').click()
    arrived(page, "units/alpha/")
    at_place(page, "复习路径 · 第 2/2 单元")
    assert link(page, SHOWN_NEXT) == ("tracks/review/", "本路径已学完，返回：复习路径")
    assert not page.locator(".md-footer__inner").is_visible()  # it follows the first track
    page.reload()
    at_place(page, "复习路径 · 第 2/2 单元")  # remembered for the tab
    page.locator(SHOWN_PREVIOUS).click()
    arrived(page, "units/beta/")
    at_place(page, "复习路径 · 第 1/2 单元")
    page.goto(two_tracks_url + "tracks/basics/")
    page.locator('.kefu-track-units a[href$="units/beta/"]').click()
    arrived(page, "units/beta/")
    at_place(page, "基础路径 · 第 2/2 单元")
    assert page.locator(".md-footer__inner").is_visible()


def pass_unit(page, url: str, unit_id: str, right: bool = True) -> None:
    if not page.url.endswith(f"units/{unit_id}/"):
        page.goto(url + f"units/{unit_id}/")
    give_all(page, page.locator("[data-quiz]"), MINI.banks[unit_id].questions, right=right)


def states(page) -> dict[str, str]:
    rows = page.locator(".kefu-track-units [data-unit]")
    return dict(rows.evaluate_all("rows => rows.map(r => [r.dataset.unit, r.dataset.state])"))


def test_continue_goes_to_the_first_unit_not_passed_and_the_track_marks_units(page, mini_url):
    page.clock.install()  # beta has a typing drill
    page.goto(mini_url)
    assert link(page, "a[data-continue]") == ("units/alpha/", "开始学习：单元甲")
    page.goto(mini_url + "tracks/basics/")
    assert states(page) == {"alpha": "new", "beta": "new"}
    pass_unit(page, mini_url, "alpha")
    pass_unit(page, mini_url, "beta", right=False)
    page.goto(mini_url)
    assert link(page, "a[data-continue]") == ("units/beta/", "继续学习：单元乙")
    page.goto(mini_url + "tracks/basics/")
    assert states(page) == {"alpha": "passed", "beta": "started"}
    marks = page.locator(".kefu-track-units [data-unit-state]").all_inner_texts()
    assert marks == ["✓ 已通过", "✗ 未通过"]
    assert link(page, "a[data-continue]") == ("units/beta/", "继续学习：单元乙")
    page.goto(mini_url + "units/beta/")
    while (retry := page.locator("[data-quiz-retry]:visible")).count():
        retry.first.click()
    pass_unit(page, mini_url, "beta")
    page.goto(mini_url)
    assert link(page, "a[data-continue]") == ("tracks/basics/", "✓ 全部通过，查看路径")
    page.locator("a[data-continue]").click()
    arrived(page, "tracks/basics/")
    assert states(page) == {"alpha": "passed", "beta": "passed"}


SCORE_LINES = """() => [...document.querySelectorAll('.kefu-progress :is(th, td):not(:first-child)')].map(cell => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
})"""


def test_progress_groups_units_by_track_and_fits_a_phone(page, two_tracks_url, shipped_url):
    page.goto(two_tracks_url + "progress/")
    groups = page.locator(".kefu-progress h2:not(#kefu-download):not(#kefu-clear)")
    assert groups.all_inner_texts() == ["基础路径", "复习路径"]
    rows = page.locator("tr[data-unit]").evaluate_all("rows => rows.map(r => r.dataset.unit)")
    assert rows == ["alpha", "beta", "beta", "alpha"]
    pass_unit(page, two_tracks_url, "alpha")
    page.goto(two_tracks_url + "progress/")
    scores = page.locator('tr[data-unit="alpha"] [data-unit-score]').all_inner_texts()
    assert scores == ["4 / 4", "4 / 4"]
    assert set(page.evaluate(SCORE_LINES)) == {1}
    page.goto(shipped_url + "progress/")  # the shipped course: 30 units, titles up to 20 characters
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    lines = page.evaluate(SCORE_LINES)
    assert len(lines) == 2 * (30 + 3) and set(lines) == {1}, "a score or state cell wraps"


NAV = """() => [...document.querySelectorAll('.md-nav--primary .md-nav__link')]
    .filter(link => link.checkVisibility()).map(link => link.innerText.trim()).filter(Boolean)"""


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_navigation_is_organised_by_track(pages, shipped_url, viewport):
    page = pages.new(viewport=DESKTOP) if viewport == "desktop" else pages.new()
    page.goto(shipped_url + "units/reception/")
    if viewport == "phone":
        page.locator('label.md-header__button[for="__drawer"]').click()
        page.locator(".md-nav--primary").get_by_text("新人入职", exact=True).first.wait_for()
    shown = page.evaluate(NAV)
    tracks = [shown.index(title) for title in ("新人入职", "进阶", "主管与店主")]
    assert tracks == sorted(tracks), shown
    units = ["服务心态：话术背后的六种态度", "接待：从第一句话开始", "千牛工作台实操"]
    positions = [tracks[0], *(shown.index(title) for title in units), tracks[1]]
    assert positions == sorted(positions), shown
    assert not {"专业知识", "服务流程", "基本素质"} & set(shown)  # categories: from the home page


@pytest.mark.parametrize(("scheme", "viewport"), [("light", "phone"), ("dark", "desktop")])
def test_home_and_track_pages_have_no_serious_violations(pages, mini_url, scheme, viewport):
    page = (
        pages.new(viewport=DESKTOP, color_scheme=scheme)
        if viewport == "desktop"
        else pages.new(color_scheme=scheme)
    )
    pass_unit(page, mini_url, "alpha")  # one unit passed: every mark and link state shows
    page.goto(mini_url + "units/beta/")
    answer_beta(page)
    found = violations(page, "units/beta")
    for path in ("", "tracks/basics/"):
        page.goto(mini_url + path)
        found += violations(page, path or "home")
    assert not found, "\n".join(found)


NO_SESSION_STORAGE = """Object.defineProperty(window, 'sessionStorage', {
    get() { throw new DOMException('blocked', 'SecurityError'); } });"""


def test_without_session_storage_a_unit_follows_its_first_track(pages, two_tracks_url):
    page = pages.new(init_script=NO_SESSION_STORAGE)
    page.goto(two_tracks_url + "tracks/review/")
    page.locator('.kefu-track-units a[href$="units/alpha/"]').click()
    arrived(page, "units/alpha/")
    at_place(page, "基础路径 · 第 1/2 单元")  # and no page error (the fixture checks)
    assert page.locator(SHOWN_NEXT).count() == 1
