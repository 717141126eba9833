"""Read one YAML file safely, keeping where every value was written.

PyYAML's safe loader already refuses arbitrary Python tags; on top of it this refuses
duplicate keys (PyYAML silently keeps the last), bounds alias expansion (an "alias bomb"
is refused after a fixed amount of work, whatever its size on paper) and turns every
failure into a Problem a trainer can act on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .problems import Loc, Problem, Source

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_NODES = 20_000  # the largest shipped file has under 300; an alias bomb reaches it at once
_STANDARD = "tag:yaml.org,2002:"
_COLLECTION_TAGS = {_STANDARD + "map", _STANDARD + "seq", _STANDARD + "omap"}


class YamlProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def read_yaml(file: Path, display: str) -> tuple[Any, Source]:
    """Parse ``file``; return its data and a Source, or raise YamlProblem."""
    source = Source(display)
    text = _decode(file.read_bytes(), source)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem(source.problem((), "the file is empty; see the trainer guide for what it holds"))
        return _Builder(loader, source).build(node, ()), source
    except yaml.MarkedYAMLError as error:
        raise YamlProblem(_syntax_problem(error, source, text)) from None
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        line, column = _reader_position(error, text)
        raise YamlProblem(Problem(display, line, column, "", f"unreadable text: {error}")) from None
    finally:
        loader.dispose()


def _decode(raw: bytes, source: Source) -> str:
    try:
        return raw.decode("utf-8-sig")  # a BOM, as Windows Notepad writes, is fine
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        hint = "it looks like GBK/GB18030, the old Windows Chinese encoding; " if _is_gbk(raw) else ""
        raise YamlProblem(
            Problem(source.path, line, column, "",
                    f"the file is not UTF-8 ({hint}save it as UTF-8: in Notepad, "
                    "File > Save As > Encoding: UTF-8; in VS Code, 'Save with Encoding')")
        ) from None


def _is_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
        return True
    except UnicodeDecodeError:
        return False


class _Builder:
    """Node tree -> plain Python data, recording each value's position by field path."""

    def __init__(self, loader, source: Source):
        self.loader = loader
        self.source = source
        self.nodes = 0

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlProblem(self.source.problem(
                loc, f"the file expands to more than {MAX_NODES:,} values through aliases (*name); "
                "write the content out instead of repeating it with anchors"))
        self.source.positions.setdefault(loc, _position(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, loc)
        if node.tag not in _COLLECTION_TAGS:
            raise YamlProblem(self._tag_problem(node, loc))
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._mapping(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict:
        data: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STANDARD + "merge":
                raise YamlProblem(self.source.problem(
                    loc, "merge keys (<<) are not supported; write the fields out"))
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(self._at(key_node, loc, "a key must be a plain word, not a list or mapping"))
            key = self._scalar(key_node, loc)
            key = str(key) if isinstance(key, (int, float)) and not isinstance(key, bool) else key
            if key in data:
                raise YamlProblem(self._at(
                    key_node, (*loc, key),
                    f"duplicate key '{key}' (first written on line {first_line[key]}); "
                    "YAML would silently keep only the last one: remove or rename one of them"))
            first_line[key] = key_node.start_mark.line + 1
            self.source.key_positions[(*loc, key)] = _position(key_node)
            data[key] = self.build(value_node, (*loc, key))
        return data

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            raise YamlProblem(self._tag_problem(node, loc)) from None

    def _tag_problem(self, node: yaml.Node, loc: Loc) -> Problem:
        return self._at(node, loc, f"the tag {node.tag!r} is not allowed; course files hold "
                                   "plain text, numbers, lists and mappings only")

    def _at(self, node: yaml.Node, loc: Loc, message: str) -> Problem:
        line, column = _position(node)
        problem = self.source.problem(loc, message)
        return Problem(problem.file, line, column, problem.path, message)


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _syntax_problem(error: yaml.MarkedYAMLError, source: Source, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or ""
    lines = text.splitlines()
    if "\t" in (lines[line - 1][:column] if line <= len(lines) else ""):
        message = "a tab is used for indentation; YAML needs spaces (set your editor to insert spaces)"
    elif "expected a single document" in problem:
        message = "the file holds more than one document ('---'); keep one per file"
    elif "found undefined alias" in problem:
        message = f"{problem}; define the anchor (&name) before using *name"
    else:
        context = f" {error.context}" if error.context else ""
        message = (f"YAML syntax error:{context} {problem}. Check the indentation and that text "
                   "with ': ' or starting with a special character ([ { * & ! | > ' \" % @ `) is in quotes")
    return Problem(source.path, line, column, "", message)


def _reader_position(error: yaml.YAMLError, text: str) -> tuple[int, int]:
    position = getattr(error, "position", None)
    if not isinstance(position, int):
        return 1, 1
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1
