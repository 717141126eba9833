"""Real-browser fixtures: one headless Chromium for the session, a fresh context (and so a
fresh localStorage) per test, page errors collected and failing the test."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURES, make_project, serve_folder  # tests/conftest.py
from playwright.sync_api import sync_playwright

from generator.site.build import build_site

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
HERE = Path(__file__).parent
BROWSER_TIMEOUT = 120  # seconds: a hung browser fails its test instead of the whole run


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test, with a time limit (pytest-timeout)."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
            if item.get_closest_marker("timeout") is None:
                item.add_marker(pytest.mark.timeout(BROWSER_TIMEOUT))


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Pages:
    """Opens pages in fresh contexts; remembers page errors and dialogs of every page."""

    def __init__(self, browser):
        self.browser = browser
        self.contexts = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

    def new(self, viewport=PHONE, init_script: str | None = None, **options):
        context = self.browser.new_context(viewport=viewport, locale="zh-CN", **options)
        context.set_default_timeout(5000)
        if init_script:
            context.add_init_script(init_script)
        self.contexts.append(context)
        return self.open(context)

    def open(self, context):
        page = context.new_page()
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        return page

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(browser):
    opened = Pages(browser)
    yield opened
    opened.close()
    assert not opened.errors, "page errors:\n" + "\n".join(opened.errors)


@pytest.fixture
def page(pages):
    """A phone-sized page in a fresh context."""
    return pages.new()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


def served_course(tmp: Path, source: Path):
    """Build a fixture course with the real mkdocs.yml plus a site_url naming the address it is
    served at (Material's instant navigation only takes over links listed in sitemap.xml,
    which stays empty without site_url); yields that address while serving it."""
    project = make_project(tmp, source)
    site = tmp / "site"
    url, server = serve_folder(site)  # the folder appears when the build swaps it in
    build_site(project, site_dir=site, site_url=url)
    yield url
    server.shutdown()
    server.server_close()


# Material's instant navigation pairs each click with the sitemap it has read
# (withLatestFrom): a click before sitemap.xml has been read is an ordinary page load. Material
# fetches it with XMLHttpRequest as a Blob and reads it with blob.text(); this init script
# marks the moment that text is handed on. Material's own handler runs right after, in the
# same microtask checkpoint, so once the mark is seen, clicks are instant navigation.
SITEMAP_READ = """(() => {
    let sitemap = null;
    const open = XMLHttpRequest.prototype.open, text = Blob.prototype.text;
    XMLHttpRequest.prototype.open = function (method, url, ...rest) {
        if (String(url).endsWith('/sitemap.xml'))  // listens before Material's own listener
            this.addEventListener('load', () => { sitemap = this.response; });
        return open.call(this, method, url, ...rest);
    };
    Blob.prototype.text = function () {
        const read = text.call(this);
        if (this === sitemap) read.then(() => { window.__kefuSitemapRead = true; });
        return read;
    };
})();"""


def instant_navigation_page(pages, **options):
    """A page whose links instant navigation can take over once ``wait_for_instant`` returns."""
    return pages.new(init_script=SITEMAP_READ, **options)


def wait_for_instant(page) -> None:
    """Wait until a click on a course link is instant navigation, not a page load."""
    page.wait_for_function("window.__kefuSitemapRead === true")


def wait_for_path(page, path: str) -> None:
    """Wait until the page is at ``path``, whatever the hash: navigation.tracking writes the
    heading in view into the URL (and so into the history entry) once the page scrolls."""
    page.wait_for_url(lambda url: urlsplit(url).path.endswith(path))


@pytest.fixture(scope="session")
def mini_url(tmp_path_factory):
    """The mini course (overrides tests/conftest.py's, to serve it with instant navigation)."""
    yield from served_course(tmp_path_factory.mktemp("mini-browser"), FIXTURES / "mini")


@pytest.fixture(scope="session")
def xss_url(tmp_path_factory):
    """The payload course (tests/fixtures/xss), built and served."""
    yield from served_course(tmp_path_factory.mktemp("xss"), FIXTURES / "xss")


# --- driving a quiz ---------------------------------------------------------------------


def question(page, question_id: str):
    return page.locator(f'[data-question-id="{question_id}"]')


def order_keys(q) -> list[str]:
    return q.locator("[data-option]").evaluate_all("items => items.map(i => i.dataset.option)")


def type_at_pace(page, field, text: str, interval_ms: float, chunk: int = 1) -> None:
    """Type text into a field, `chunk` characters per step of interval_ms per character, on
    the page's paused clock (page.clock.install() before the page loads)."""
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)  # seconds
    field.focus()
    for i in range(0, len(text), chunk):
        if i:
            page.clock.run_for(round(interval_ms * chunk))
        page.keyboard.type(text[i : i + chunk])
    page.clock.resume()


def fullwidth(text: str) -> str:
    """ASCII made full-width (Ａ, ３): what a Chinese IME often produces."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def chosen_keys(question, right: bool) -> list[str]:
    """The option keys a right or a wrong answer chooses (choice questions)."""
    if question.type in ("single", "scenario"):
        return [
            question.answer if right else next(k for k in question.options if k != question.answer)
        ]
    if question.type == "truefalse":
        return [str(question.answer == right).lower()]
    if question.type == "multiple":
        chosen = list(question.answer)
        if not right:
            others = [k for k in question.options if k not in chosen]
            chosen = chosen[:-1] if len(chosen) > 1 else chosen + others[:1]
        return chosen
    return []


ANSWER = """(quiz, answers) => answers.forEach(({id, keys, order}) => {
    const q = quiz.querySelector(`[data-question-id="${id}"]`);
    keys.forEach(key => q.querySelector(`input[value="${key}"]`).click());
    (order || []).forEach((key, target) => {
        const item = q.querySelector(`[data-option="${key}"]`);
        while ([...item.parentNode.children].indexOf(item) > target) item.querySelector('[data-move="up"]').click();
    });
    q.querySelector('[data-quiz-check]').click();
})"""


def give_all(page, quiz, questions, right: bool) -> None:
    """Answer unanswered questions (model objects) of a quiz rightly or wrongly, and check them.
    Fill answers and typing drills are typed; choices, order moves and check buttons get DOM
    clicks, all in one round trip (pointer and keyboard input have their own tests)."""
    answers = []
    for question in questions:
        q = quiz.locator(f'[data-question-id="{question.id}"]')
        if question.type == "typing":
            # Twice the target speed, or half of it; the last character checks by itself. Steps
            # stay under 5 s: a longer pause counts as 5 s of typing (quiz.js IDLE).
            interval = 60000 / question.target_speed / (2 if right else 0.5)
            type_at_pace(
                page,
                q.locator("textarea"),
                question.passage,
                interval,
                chunk=max(1, min(len(question.passage) // 8, int(4000 // interval))),
            )
            continue
        if question.type == "fill":
            q.locator("input[type=text]").fill(
                f"  {fullwidth(question.answer[0].upper())} " if right else "不是这个答案"
            )
        answers.append(
            {
                "id": question.id,
                "keys": chosen_keys(question, right),
                "order": list(question.answer) if question.type == "order" and right else None,
            }
        )
    quiz.evaluate(ANSWER, answers)


STATES = """quiz => [...quiz.querySelectorAll('[data-question-id]')].map(q => ({
    id: q.dataset.questionId, state: q.dataset.state || null,
    explanation: q.querySelector('.kefu-explanation').checkVisibility(),
    feedback: [...q.querySelectorAll('[data-feedback-for]')].filter(f => f.checkVisibility()).map(f => f.dataset.feedbackFor),
}))"""


def states(quiz) -> dict[str, dict]:
    """State of every question of a quiz, read in one round trip."""
    return {s["id"]: s for s in quiz.evaluate(STATES)}


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
