"""Markdown that trainers write: one markdown-it-py parse both checks it and renders it.

Trainer text reaches the site only as the HTML made here; the site engine never parses it
again (render.py hands it over as finished fragments). Because the check and the renderer are
the same parse, nothing the check lets through can become something else on the page: raw
HTML is shown as text, a link to a script is not a link, a remote image is not loaded. The
check still reports each of these, so the trainer learns what to write instead.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin

from generator.messages import language, say

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
# Titles of boxes written without one (`!!! tip`): Python-Markdown would print the English word.
BOX_TITLES = {
    "note": "注意",
    "abstract": "摘要",
    "info": "说明",
    "tip": "提示",
    "success": "做得好",
    "question": "问题",
    "warning": "警告",
    "failure": "不要这样",
    "danger": "危险",
    "bug": "问题",
    "example": "示例",
    "quote": "引用",
}


@dataclass(frozen=True)
class Rendered:
    html: str
    problems: tuple[str, ...]


def markdown_problem(text: str) -> str | None:
    """Why ``text`` (block Markdown) must not reach a trainee's browser, or None when fine."""
    if not _MARKUP_CHARS.search(text):
        return None  # plain prose, the usual case: nothing that could be HTML, a link or a box
    problems = rendered(text).problems
    return problems[0] if problems else None


def inline_problem(text: str) -> str | None:
    """Why ``text`` (one line: an option) must not reach a trainee's browser, or None."""
    if not _MARKUP_CHARS.search(text):
        return None
    problems = rendered(text, inline=True).problems
    return problems[0] if problems else None


def render(text: str) -> str:
    """Block Markdown to HTML: the very parse that ``markdown_problem`` checked."""
    return rendered(text).html


def render_inline(text: str) -> str:
    """One line of Markdown (an option, a title) to HTML without a paragraph around it."""
    return rendered(text, inline=True).html


def rendered(text: str, inline: bool = False) -> Rendered:
    """Parse once; keep the HTML and what was refused (cached: validation, then rendering)."""
    return _rendered(text, inline, language())  # what was refused is told in that language


@lru_cache(maxsize=8192)
def _rendered(text: str, inline: bool, lang: str) -> Rendered:
    env: dict[str, Any] = {"problems": []}
    if inline:
        tokens = _parser().parseInline(text, env)
    else:
        tokens = _parser().parse(text, env)
        env["problems"] += _admonition_problems(text)
    return Rendered(
        _parser().renderer.render(tokens, _parser().options, env), tuple(env["problems"])
    )


# Without one of these a text cannot hold HTML, a link, an image, an entity or a box.
_MARKUP_CHARS = re.compile(r"[<>\[\]!?:&]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+\-.!|>~])")


def escape_text(text: str) -> str:
    """Plain text made literal for a Markdown page: HTML-escaped, Markdown syntax escaped."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=True))


# --- the parser ---------------------------------------------------------------------------

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_TAG_LIKE = re.compile(r"<[A-Za-z!?/]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def url_problem(url: str, *, image: bool) -> str | None:
    """Why a link or image address is refused: script schemes, and images from another site."""
    compact = _INVISIBLE.sub("", unquote(html.unescape(url))).lower()
    scheme = _SCHEME.match(compact)
    if image and (scheme or compact.startswith(("//", "\\"))):
        return say("problem.remote_image", url=repr(url[:60]))
    if scheme and scheme.group(1) not in SAFE_SCHEMES:
        return say("problem.bad_link", url=repr(url[:60]), scheme=scheme.group(1))
    return None


def _safety_rule(state: StateCore) -> None:
    """Refuse raw HTML, script links and remote images: record why, keep them harmless."""
    problems: list[str] = state.env.setdefault("problems", [])
    for token in state.tokens:
        if token.type == "html_block":
            problems.append(_raw_html_problem(token.content))
            token.type = "kefu_raw"
        for child in token.children or ():
            if child.type == "html_inline":
                problems.append(_raw_html_problem(child.content))
                child.type = "text"  # rendered escaped, as the trainer typed it
            elif child.type == "text" and (tag := _TAG_LIKE.search(child.content)):
                # Not HTML to markdown-it (e.g. `<svg/onload=…>`) and shown as text, but
                # meant as HTML: say so rather than print it.
                problems.append(_raw_html_problem(child.content[tag.start() :]))
            elif child.type in ("link_open", "image"):
                url = str(child.attrGet("href") or child.attrGet("src") or "")
                if problem := url_problem(url, image=child.type == "image"):
                    problems.append(problem)
                    child.attrs.pop("href", None)
                    child.attrs.pop("src", None)
                    if child.type == "image":
                        child.type = "text"
                        child.content = child.content or "image"


def _join_cjk_lines(state: StateCore) -> None:
    """Drop a line break that falls between two Chinese characters: browsers would show it as
    a space ("中 文"), and trainers wrap long lines in their editor."""
    for token in state.tokens:
        if not token.children:
            continue
        joined: list[Token] = []
        for child in token.children:
            if (
                child.type == "text"
                and len(joined) >= 2
                and joined[-1].type == "softbreak"
                and joined[-2].type == "text"
                and joined[-2].content
                and child.content
                and _CJK.match(joined[-2].content[-1])
                and _CJK.match(child.content[0])
            ):
                joined.pop()
                joined[-1].content += child.content
            else:
                joined.append(child)
        token.children = joined


def _raw_html_problem(content: str) -> str:
    tag = (content.strip().splitlines() or [""])[0][:40]
    return say("problem.raw_html", tag=repr(tag))


_ADMONITION = re.compile(r"^( *)(?:!!!|\?\?\?\+?) *[a-z]+")


def _admonition_problems(text: str) -> list[str]:
    """A `!!! tip` box whose content is not indented renders empty, the text outside it."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if match := _ADMONITION.match(line):
            following = [rest for rest in lines[i + 1 :] if rest.strip()]
            indent = len(match.group(1))
            if following and len(following[0]) - len(following[0].lstrip(" ")) < indent + 4:
                return [say("problem.box_indent", line=repr(line.strip()))]
    return []


def _render_box(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """Boxes as Material styles them: `!!!` a titled div, `???` a collapsed <details>."""
    token = tokens[idx]
    collapsible = token.markup.startswith("?")
    if token.nesting == -1:
        return "</details>\n" if collapsible else "</div>\n"
    kind = re.sub(r"[^a-z0-9-]", "", str(token.meta.get("tag", "note"))) or "note"
    title = _box_title(token.info, kind)
    if collapsible:
        opened = " open" if token.markup.endswith("+") else ""
        return f'<details class="{kind}"{opened}>\n<summary>{html.escape(title)}</summary>\n'
    heading = f'<p class="admonition-title">{html.escape(title)}</p>\n' if title else ""
    return f'<div class="admonition {kind}">\n{heading}'


def _box_title(params: str, kind: str) -> str:
    if match := re.search(r'"(.*)"', params):
        return match.group(1)
    return BOX_TITLES.get(kind, "")


def _drop_box_titles(state: StateCore) -> None:
    """The box title is written by _render_box (in Chinese where the trainer wrote none)."""
    kept: list[Token] = []
    in_title = False
    for token in state.tokens:
        if token.type in ("admonition_title_open", "admonition_title_close"):
            in_title = token.nesting == 1
        elif not in_title:
            kept.append(token)
    state.tokens = kept


def _render_raw(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f"<p>{html.escape(tokens[idx].content.strip())}</p>\n"


class _Parser(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it's name)
        """Every link reaches _safety_rule, which decides."""
        return True


@cache
def _parser() -> MarkdownIt:
    """Built on first use, not at import: commands that render nothing never pay for it."""
    parser = _Parser("commonmark", {"html": True}).enable(["table", "strikethrough"])
    parser.use(admon_plugin).use(deflist_plugin)
    parser.core.ruler.push("kefu_safety", _safety_rule)
    parser.core.ruler.push("kefu_cjk_lines", _join_cjk_lines)
    parser.core.ruler.push("kefu_box_titles", _drop_box_titles)
    parser.add_render_rule("admonition_open", _render_box)
    parser.add_render_rule("admonition_close", _render_box)
    parser.add_render_rule("kefu_raw", _render_raw)
    return parser
