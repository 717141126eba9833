"""Markdown that trainers write: checked for anything unsafe, rendered with raw HTML off.

Trainer Markdown reaches trainees twice: inside MkDocs pages (rendered by Python-Markdown,
which passes raw HTML through) and inside quiz markup (rendered here by markdown-it-py with
HTML disabled). Refusing raw HTML and script links at validation time keeps both paths safe
and tells the trainer what to write instead.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

# Detects what the trainer wrote: HTML recognised, every link kept, so nothing is hidden.
_detector = MarkdownIt("commonmark", {"html": True}).enable("table")
_detector.validateLink = lambda url: True

# Renders quiz text: raw HTML is shown as text and unsafe links are dropped.
_renderer = MarkdownIt("commonmark", {"html": False}).enable("table")

_MARKUP_CHARS = re.compile(r"[<>\[\]!?:&]")
_SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_SCRIPT_URL = re.compile(r"(?<![a-z])(javascript|vbscript)\s*:", re.IGNORECASE)


def markdown_problem(text: str) -> str | None:
    """Return why ``text`` is unsafe for a trainee's browser, or None when it is fine."""
    if not _MARKUP_CHARS.search(text):
        return None  # plain prose, the usual case: nothing that could be HTML, a link or a box
    for token in _walk(_detector.parse(text)):
        if token.type in ("html_block", "html_inline"):
            tag = token.content.strip().splitlines()[0][:40]
            return (
                f"raw HTML {tag!r} is not allowed; write Markdown instead "
                "(**bold**, lists, [link](https://…)), or put code in `backticks`"
            )
        url = token.attrGet("href") or token.attrGet("src")
        if url is not None and (problem := _url_problem(str(url), token.type)):
            return problem
    if problem := _admonition_problem(text):
        return problem
    # Python-Markdown, which renders the pages, finds links markdown-it does not: refuse any
    # script URL anywhere outside code, whatever the syntax around it.
    prose = _CODE.sub("", html.unescape(text))
    if match := _SCRIPT_URL.search(prose.replace("\\", "")):
        return f"'{match.group(1)}:' links are not allowed; link to an http(s) address instead"
    return None


def render(text: str) -> str:
    """Block Markdown to HTML, raw HTML shown as text."""
    return _renderer.render(join_cjk_lines(text))


_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_CJK_BREAK = re.compile(rf"(?<={_CJK})[ \t]*\n[ \t]*(?={_CJK})")


def join_cjk_lines(text: str) -> str:
    """Join the lines of a paragraph where a line break falls between two Chinese characters.

    Browsers show such a break as a space ("中 文"); trainers wrap long lines in their editor.
    Only paragraph text is joined: code, tables and list structure are left as written.
    """
    if "\n" not in text.strip():
        return text
    lines = text.split("\n")
    joins = set()
    for token in _detector.parse(text):
        if token.type == "paragraph_open" and token.map:
            start, end = token.map
            joins.update(range(start, end - 1))
    out = [lines[0]] if lines else []
    for i in range(1, len(lines)):
        if i - 1 in joins and _CJK_BREAK.search(out[-1][-1:] + "\n" + lines[i].lstrip()[:1]):
            out[-1] = out[-1].rstrip() + lines[i].lstrip()
        else:
            out.append(lines[i])
    return "\n".join(out)


def render_inline(text: str) -> str:
    """One line of Markdown (an option, a title) to HTML without a paragraph around it."""
    return _renderer.renderInline(text)


_CODE = re.compile(r"`+[^`]*`+")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+\-.!|>~])")


def escape_text(text: str) -> str:
    """Plain text made literal for a Markdown page: HTML-escaped, Markdown syntax escaped."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=True))


_ADMONITION = re.compile(r"^( *)(?:!!!|\?\?\?\+?) *[a-z]+")


def _admonition_problem(text: str) -> str | None:
    """A `!!! tip` box whose content is not indented renders empty, the text outside it."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if match := _ADMONITION.match(line):
            following = [l for l in lines[i + 1:] if l.strip()]
            indent = len(match.group(1))
            if following and len(following[0]) - len(following[0].lstrip(" ")) < indent + 4:
                return (f"the content of the box {line.strip()!r} must be indented 4 spaces more "
                        "than its first line")
    return None


def _url_problem(url: str, token_type: str) -> str | None:
    compact = re.sub(r"\s", "", html.unescape(url)).lower()
    scheme = _SCHEME.match(compact)
    if token_type == "image" and (scheme or compact.startswith("//")):
        return (
            f"image {url!r} is on another site; the course must work offline and from "
            "mainland China: save the image under docs/ and link it by a relative path"
        )
    if scheme and scheme.group(1) not in _SAFE_SCHEMES:
        return f"link {url!r} uses '{scheme.group(1)}:'; only http(s), mailto and tel links are allowed"
    return None


def _walk(tokens):
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)
