"""Read one YAML file safely, keeping where every value was written.

Whatever a file holds, reading it ends in data or in one Problem at file:line:column, never
in a traceback, a hang or a crash:

- only regular files are opened, and links only inside the project: a FIFO would hang the
  tools, a device never ends, and a link to a private file would print it into a CI log;
- LibYAML only parses; the node tree is composed here from its events with a depth bound
  (PyYAML's C composer recurses without one and segfaults at ~40,000 levels);
- explicit tags other than !!str are refused (PyYAML's constructors crash on `!!int ten`);
- values repeated through aliases are counted (an "alias bomb" grows exponentially), and the
  file size has its own, separate limit;
- duplicate keys are refused (PyYAML silently keeps the last).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from generator.course.problems import Loc, Problem, Source, excerpt
from generator.errors import KefuError
from generator.messages import say

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 1_000_000  # over 40 times the largest shipped file (22 KB)
MAX_DEPTH = 50  # shipped files nest 6 levels deep
MAX_REPEATED = 10_000  # values reached through aliases; shipped files use none

_STANDARD = "tag:yaml.org,2002:"
_STR = _STANDARD + "str"
_NULL = _STANDARD + "null"
_MERGE = _STANDARD + "merge"
_COLLECTION_TAGS = {_STANDARD + "map", _STANDARD + "seq"}
_PLAIN_WORDS = {_STANDARD + "value", _MERGE}  # `=` and `<<` as values: text, not a special tag
_KINDS = {  # the message key naming what a plain value looked like
    _STANDARD + "int": "kind.whole_number",
    _STANDARD + "float": "kind.number",
    _STANDARD + "timestamp": "kind.date",
}
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what LibYAML counts as a new line
_BOM = b"\xef\xbb\xbf"


class YamlProblem(KefuError):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def read_yaml(file: Path, display: str, root: Path | None = None) -> tuple[Any, Source]:
    """Parse ``file``; return its data and a Source, or raise YamlProblem.

    With ``root``, a link that leads out of that folder is refused without being read."""
    source = Source(display)
    text = _decode(read_regular_file(Path(file), display, root), source)
    _refuse_control_characters(text, display)
    loader = Loader(text)
    try:
        composer = _Composer(loader, display)
        node = composer.compose()
        if node is None:
            raise YamlProblem(source.problem((), say("problem.empty_file")))
        return _Builder(loader, source, composer.explicit).build(node, ()), source
    except yaml.MarkedYAMLError as error:
        raise YamlProblem(_syntax_problem(error, source, text)) from None
    except yaml.YAMLError as error:  # reader errors that slipped past the checks above
        line, column = _reader_position(error, text)
        raise YamlProblem(
            Problem(display, line, column, "", say("problem.unreadable_character"))
        ) from None
    finally:
        loader.dispose()


# --- the file itself ----------------------------------------------------------------------


def read_regular_file(file: Path, display: str, root: Path | None = None) -> bytes:
    """The bytes of ``file``, opened only when it is a regular file (inside ``root``)."""

    def refuse(message: str) -> YamlProblem:
        return YamlProblem(Problem(display, 1, 1, "", message))

    try:
        target = file.resolve(strict=True)
    except FileNotFoundError:
        if file.is_symlink():
            raise refuse(say("problem.dangling_link")) from None
        raise refuse(say("problem.no_file")) from None
    except (RuntimeError, OSError) as error:  # Python 3.11 reports a link loop as RuntimeError
        if isinstance(error, RuntimeError) or error.errno == errno.ELOOP:
            raise refuse(say("problem.link_loop")) from None
        raise refuse(_os_reason(error)) from None
    if root is not None and not target.is_relative_to(Path(root).resolve()):
        raise refuse(say("problem.link_outside"))
    try:
        kind = _not_a_file(target.stat().st_mode)
        if kind:
            raise refuse(kind)
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening cannot hang.
        fd = os.open(
            target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        )
        try:
            kind = _not_a_file(os.fstat(fd).st_mode)
            if kind:
                raise refuse(kind)
            raw = _read_at_most(fd, MAX_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as error:
        raise refuse(_os_reason(error)) from None
    if len(raw) > MAX_BYTES:
        raise refuse(say("problem.file_too_large", kb=MAX_BYTES // 1000))
    return raw


def _not_a_file(mode: int) -> str:
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return say("problem.folder")
    what = (
        "kind.fifo"
        if stat.S_ISFIFO(mode)
        else "kind.device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "kind.socket"
        if stat.S_ISSOCK(mode)
        else "kind.special"
    )
    return say("problem.not_a_text_file", what=say(what))


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return say("problem.permission_denied")
    return say("problem.cannot_read", reason=error.strerror or type(error).__name__)


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit:
        chunk = os.read(fd, min(1 << 16, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


# --- the text ---------------------------------------------------------------------------


def _decode(raw: bytes, source: Source) -> str:
    try:
        return raw.decode("utf-8-sig")  # a BOM, as Windows Notepad writes, is fine
    except UnicodeDecodeError as error:
        body = raw[len(_BOM) :] if raw.startswith(_BOM) else raw  # error.start counts after the BOM
        before = body[: error.start].decode("utf-8")
        line, column = line_column(before, len(before))
        message = say("problem.gbk" if _is_gbk(raw) else "problem.not_utf8")
        raise YamlProblem(Problem(source.path, line, column, "", message)) from None


def _is_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def _refuse_control_characters(text: str, display: str) -> None:
    """Report the first character YAML forbids at its own line and character column."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if found:
        line, column = line_column(text, found.start())
        message = say("problem.control_character", code=f"U+{ord(found.group()):04X}")
        raise YamlProblem(Problem(display, line, column, "", message))


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and character column of ``text[index]``, counting lines as LibYAML does."""
    breaks = list(_LINE_BREAK.finditer(text, 0, index))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - line_start + 1


# --- events -> nodes -> data ------------------------------------------------------------


class _Composer:
    """LibYAML's parse events -> PyYAML nodes, with bounded depth and bounded repetition.

    Each node comes with its size: how many values it holds once its aliases are expanded."""

    def __init__(self, loader: Any, display: str):
        self.loader = loader
        self.display = display
        self.explicit: set[yaml.Node] = set()  # nodes written with a tag (!!str, !!python/…)
        self.anchors: dict[str, tuple[yaml.Node, int]] = {}
        self.open: set[str] = set()  # anchors whose collection is still being composed
        self.repeated = 0  # values that aliases add

    def compose(self) -> yaml.Node | None:
        get = self.loader.get_event
        get()  # stream start
        event = get()
        if type(event) is yaml.StreamEndEvent:
            return None
        node, _ = self._node(get(), 1)  # after the document start
        get()  # document end
        event = get()
        if type(event) is not yaml.StreamEndEvent:
            raise self._problem(event.start_mark, say("problem.two_documents"))
        return node

    def _node(self, event: Any, depth: int) -> tuple[yaml.Node, int]:
        kind = type(event)
        if kind is yaml.AliasEvent:
            return self._alias(event)
        if depth > MAX_DEPTH:
            raise self._problem(event.start_mark, too_deep())
        if event.anchor in self.anchors:
            first = self.anchors[event.anchor][0].start_mark.line + 1
            raise self._problem(
                event.start_mark,
                say("problem.anchor_twice", name=excerpt(event.anchor), line=first),
            )
        if kind is not yaml.ScalarEvent:
            return self._collection(event, depth)
        node = yaml.ScalarNode(
            self._tag(yaml.ScalarNode, event, event.value),
            event.value,
            event.start_mark,
            event.end_mark,
            style=event.style,
        )
        if event.tag not in (None, "!"):  # the builder refuses those but !!str
            self.explicit.add(node)
        if event.anchor is not None:
            self.anchors[event.anchor] = node, 1
        return node, 1

    def _collection(self, event: Any, depth: int) -> tuple[yaml.Node, int]:
        is_list = type(event) is yaml.SequenceStartEvent
        kind: type[yaml.SequenceNode | yaml.MappingNode] = (
            yaml.SequenceNode if is_list else yaml.MappingNode
        )
        node = kind(
            self._tag(kind, event, None), [], event.start_mark, None, flow_style=event.flow_style
        )
        if event.tag not in (None, "!"):
            self.explicit.add(node)
        if event.anchor is not None:
            self.open.add(event.anchor)
        end = yaml.SequenceEndEvent if is_list else yaml.MappingEndEvent
        get, append = self.loader.get_event, node.value.append
        size = 1
        child = get()
        while type(child) is not end:
            item, item_size = self._node(child, depth + 1)
            if is_list:
                append(item)
            else:
                value, value_size = self._node(get(), depth + 1)
                append((item, value))
                item_size += value_size
            size += item_size
            child = get()
        node.end_mark = child.end_mark
        if event.anchor is not None:
            self.open.discard(event.anchor)
            self.anchors[event.anchor] = node, size
        return node, size

    def _tag(self, kind: type[yaml.Node], event: Any, value: str | None) -> str:
        if event.tag not in (None, "!"):
            return str(event.tag)
        return str(self.loader.resolve(kind, value, event.implicit))

    def _alias(self, event: Any) -> tuple[yaml.Node, int]:
        name = excerpt(event.anchor)
        if event.anchor in self.open:
            raise self._problem(event.start_mark, say("problem.alias_in_itself", name=name))
        if event.anchor not in self.anchors:
            raise self._problem(event.start_mark, say("problem.alias_undefined", name=name))
        node, size = self.anchors[event.anchor]
        self.repeated += size
        if self.repeated > MAX_REPEATED:
            raise self._problem(event.start_mark, say("problem.alias_bomb", limit=MAX_REPEATED))
        return node, size

    def _problem(self, mark: yaml.Mark, message: str) -> YamlProblem:
        return YamlProblem(Problem(self.display, mark.line + 1, mark.column + 1, "", message))


def too_deep() -> str:
    return say("problem.too_deep", depth=MAX_DEPTH)


class _Builder:
    """Node tree -> plain Python data, recording each value's position by field path."""

    def __init__(self, loader: Any, source: Source, explicit: set[yaml.Node]):
        self.loader = loader
        self.source = source
        self.explicit = explicit

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if len(loc) >= MAX_DEPTH:  # aliases can stack nesting beyond what was composed
            line, column = _position(node)
            raise YamlProblem(Problem(self.source.path, line, column, "", too_deep()))
        self.source.positions.setdefault(loc, _position(node))
        if node in self.explicit and not (node.tag == _STR and isinstance(node, yaml.ScalarNode)):
            raise YamlProblem(self._tag_problem(node, loc))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, loc)
        if node.tag not in _COLLECTION_TAGS:
            raise YamlProblem(self._tag_problem(node, loc))
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)  # the composer makes no other kind
        data = self._mapping(node, loc)
        if isinstance(data.get("id"), str):  # so a message can name the question by its id
            self.source.ids[loc] = data["id"]
        return data

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        data: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, loc)
            if key in data:
                raise YamlProblem(
                    self._at(
                        key_node,
                        (*loc, key),
                        say("problem.duplicate_key", key=excerpt(key), line=first_line[key]),
                    )
                )
            first_line[key] = key_node.start_mark.line + 1
            self.source.key_positions[(*loc, key)] = _position(key_node)
            data[key] = self.build(value_node, (*loc, key))
        return data

    def _key(self, node: yaml.Node, loc: Loc) -> str:
        """A key is the text as written: `1:` and `yes:` are the words '1' and 'yes'."""
        if not isinstance(node, yaml.ScalarNode):
            raise YamlProblem(self._at(node, loc, say("problem.key_not_a_word")))
        if node in self.explicit and node.tag != _STR:
            raise YamlProblem(self._tag_problem(node, loc))
        if node.tag == _MERGE:
            raise YamlProblem(self._at(node, loc, say("problem.merge_key")))
        if node.tag == _NULL:
            raise YamlProblem(self._at(node, loc, say("problem.empty_key")))
        return str(node.value)

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        if node.tag in _PLAIN_WORDS:
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (
            ValueError,
            TypeError,
            KeyError,
            IndexError,
            AttributeError,
            OverflowError,
            yaml.YAMLError,
        ):
            kind = say(_KINDS.get(node.tag, "kind.value"))
            message = say("problem.cannot_read_as", value=excerpt(node.value), kind=kind)
            raise YamlProblem(self._at(node, loc, message)) from None

    def _tag_problem(self, node: yaml.Node, loc: Loc) -> Problem:
        tag = excerpt(
            node.tag.replace(_STANDARD, "!!", 1) if node.tag.startswith(_STANDARD) else node.tag
        )
        return self._at(node, loc, say("problem.tag", tag=tag))

    def _at(self, node: yaml.Node, loc: Loc, message: str) -> Problem:
        line, column = _position(node)
        return Problem(self.source.path, line, column, self.source.place(loc), message)


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _syntax_problem(error: yaml.MarkedYAMLError, source: Source, text: str) -> Problem:
    line, column = _syntax_position(error, text)
    problem = error.problem or ""
    lines = _LINE_BREAK.split(text)
    if slip := chinese_typing_slip(lines, line):
        slip_line, slip_column, message = slip
        return Problem(source.path, slip_line, slip_column, "", message)
    if "\t" in (lines[line - 1][:column] if line <= len(lines) else ""):
        message = say("problem.tab")
    else:
        known = next((key for words, key in _PARSER_WORDS if words in problem), None)
        detail = f"{error.context} {problem}" if error.context else problem
        message = say(known) if known else say("problem.syntax", detail=detail)
    return Problem(source.path, line, column, "", message)


# What the parser says -> the mistake that usually causes it, told in the trainer's words.
_PARSER_WORDS = (
    ("mapping values are not allowed", "problem.syntax_colon"),
    ("did not find expected key", "problem.syntax_indent"),
    ("did not find expected '-'", "problem.syntax_list_indent"),
    ("end of stream", "problem.syntax_quote"),
    ("cannot start any token", "problem.syntax_start"),
    ("could not find expected ':'", "problem.syntax_no_colon"),
    ("expected ',' or ']'", "problem.syntax_bracket"),
    ("expected ',' or '}'", "problem.syntax_bracket"),
)


# Slips of a Chinese input method that break YAML, found where they are: the parser itself
# reports most of them a line later, in words about what it expected.
_SLIPS = (
    (re.compile(r"^[ \t\u3000]*?(\u3000)"), "problem.slip_space"),
    (re.compile(r"^ *(?:- +)?[A-Za-z_][A-Za-z0-9_-]* *(：)"), "problem.slip_colon"),
    (re.compile(r"^ *(?:- +)?(?:[A-Za-z_][A-Za-z0-9_-]*: +)?([“”‘’])"), "problem.slip_quotes"),
    (re.compile(r"^ *([－—–]) "), "problem.slip_dash"),
)


def chinese_typing_slip(lines: list[str], up_to: int) -> tuple[int, int, str] | None:
    """A slip on line ``up_to`` (1-based) or the two above it, where the parser notices it,
    as (line, column, message); lines further up parsed, so a slip there was meant as text."""
    for number in range(min(up_to, len(lines)), max(up_to - 3, 0), -1):
        for pattern, message in _SLIPS:
            if match := pattern.match(lines[number - 1]):
                return number, match.start(1) + 1, say(message, char=match.group(1))
    return None


def _syntax_position(error: yaml.MarkedYAMLError, text: str) -> tuple[int, int]:
    """The error's mark, kept inside the text: LibYAML can mark the end of a file that does not
    end in a line break on a line after the last one."""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return 1, 1
    lines = _LINE_BREAK.split(text)
    line = min(mark.line + 1, len(lines))
    return line, min(mark.column + 1, len(lines[line - 1]) + 1)


def _reader_position(error: yaml.YAMLError, text: str) -> tuple[int, int]:
    """LibYAML counts a reader error's position in UTF-8 bytes; turn it into characters."""
    position = getattr(error, "position", None)
    if not isinstance(position, int):
        return 1, 1
    index = len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))
    return line_column(text, index)
