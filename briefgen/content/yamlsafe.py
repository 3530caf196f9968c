"""Strict YAML reading with line numbers.

PyYAML's safe loader silently keeps the last of duplicate keys, expands aliases (an alias bomb
takes minutes) and turns ``NO`` into ``False``, ``012345`` into 5349 and ``12:30`` into 750.
Here YAML is only *composed* (parsed into nodes) and the nodes are turned into plain data by us:

* every scalar stays the exact text the author wrote (the schema converts numbers and dates
  where it asks for them), except an empty or ``null``/``~`` plain scalar, which is ``None``;
* duplicate keys, anchors, aliases and explicit tags (``!!python/object`` ...) are errors;
* files must be UTF-8, non-empty, at most ``MAX_BYTES`` long and nested at most ``MAX_DEPTH``
  levels deep (deeper nesting would overflow the parser's stack);
* the line of every key and list entry is recorded, so schema errors can name it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Collector

MAX_BYTES = 1_000_000
MAX_DEPTH = 50  # lists and mappings inside each other; content needs about 6
_NULLS = {"", "~", "null", "Null", "NULL"}

Loc = tuple[str | int, ...]


@dataclass
class YamlDoc:
    """Plain data read from one file plus the line of every location in it."""

    file: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int:
        """Line of ``loc`` or of its nearest recorded parent (1 for the whole file)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


# LibYAML's C parser is ~10x faster than the pure-Python one; both give the same nodes.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_unsafe_events(text: str) -> None:
    """Raise at the first alias, anchor or explicit tag, before anything is composed.

    Events are a flat stream (aliases are not expanded), so an alias bomb stops here at once.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:  # composing deeper structures overflows the parser's stack
                raise yaml.MarkedYAMLError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark
                )
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
        if isinstance(event, AliasEvent):
            raise yaml.MarkedYAMLError(
                None, None, f"aliases (*{event.anchor}) are not allowed", event.start_mark
            )
        if isinstance(event, (ScalarEvent, CollectionStartEvent)):
            if event.anchor is not None:
                raise yaml.MarkedYAMLError(
                    None, None, f"anchors (&{event.anchor}) are not allowed", event.start_mark
                )
            if event.tag not in (None, "!"):
                raise yaml.MarkedYAMLError(
                    None, None, f"tags ({event.tag}) are not allowed", event.start_mark
                )


def format_loc(loc: Loc) -> str:
    """``('items', 3, 'quote')`` -> ``items[3].quote``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def read_yaml(path: Path, shown: str, problems: Collector) -> YamlDoc | None:
    """Read ``path`` strictly; on any problem record it in ``problems`` and return None.

    ``shown`` is the file name used in messages.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(shown, 0, "", f"cannot read file: {exc.strerror}")
        return None
    return parse_yaml(raw, shown, problems)


def parse_yaml(raw: bytes, shown: str, problems: Collector) -> YamlDoc | None:
    """Parse YAML bytes strictly (see module docstring)."""
    if len(raw) > MAX_BYTES:
        problems.error(shown, 0, "", f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(
            shown, line, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        )
        return None
    text = text.removeprefix("\ufeff")
    try:
        _refuse_unsafe_events(text)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        line, message = explain(text, exc)
        problems.error(shown, line, "", f"YAML syntax: {message}")
        return None
    except yaml.reader.ReaderError as exc:  # characters YAML itself refuses
        line = text[: exc.position].count("\n") + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        from ..text import bad_character

        reason = bad_character(chr(char)) or f"character U+{char:04X} is not allowed in YAML"
        problems.error(shown, line, "", reason)
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        problems.error(shown, line, "", f"YAML: {exc}")
        return None
    if node is None:
        problems.error(shown, 1, "", "file is empty")
        return None
    doc = YamlDoc(shown, None)
    doc.lines[()] = node.start_mark.line + 1
    # Structural problems (duplicate keys, ...) are recorded but the rest of the file is still
    # returned, first occurrence kept, so schema errors in it are reported in the same run.
    doc.data = _to_data(node, (), doc, problems)
    return doc


def explain(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, str]:
    """The line to blame and a message for a YAML syntax error.

    The parser stops where it notices the damage, which is often far from its cause: a quote
    that is never closed is reported at the end of the file, one closed only by the next quote in
    the file where that quote is. Such errors are reported where the quote (or bracket) opens;
    "mapping values are not allowed" and a key that lines up with nothing get a hint about the
    indentation."""
    lines = text.splitlines()
    mark = exc.problem_mark or exc.context_mark
    line = min(mark.line + 1, max(len(lines), 1)) if mark else 0  # "end of stream" is past the last line
    opened = exc.context_mark.line + 1 if exc.context_mark else 0
    context = exc.context or ""
    if context == "while scanning a quoted scalar" and exc.context_mark:
        quote = text[exc.context_mark.index:exc.context_mark.index + 1] or '"'
        return opened, f"the quote ({quote}) that opens on line {opened} is never closed"
    if context.startswith("while parsing a flow ") and exc.context_mark:
        bracket = text[exc.context_mark.index:exc.context_mark.index + 1]
        closing = {"[": "]", "{": "}"}.get(bracket, "")
        return opened, (f"the {bracket} that opens on line {opened} is never closed (a missing {closing}, "
                        f"or a missing comma between two entries)")
    runaway = _runaway_quote(text, mark.index if mark else len(text), line)
    if runaway is not None:
        start, end, quote = runaway
        return start, (f"the quote ({quote}) that opens on line {start} is not closed on that line: the value "
                       f"runs on to the next {quote}, on line {end}, taking in the lines between")
    message = exc.problem or str(exc)
    if exc.context and exc.problem:
        message = f"{exc.context}, {exc.problem}"
    if message.startswith("mapping values are not allowed"):
        message = "mapping values are not allowed here" + _mapping_hint(lines, line)
    elif "expected key" in message or "'-' indicator" in message or "expected <block end>" in message:
        message += _stray_text_hint(text, mark.index if mark else len(text), line) or _indent_hint(lines, line)
    return line, message + _tab_hint(text, line)


def _last_quoted(text: str, index: int):
    """The last quoted scalar token that starts before ``index`` (the tokens up to a scanner
    error, if there is one)."""
    last = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index > index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                last = token
    except yaml.YAMLError:
        pass
    return last


def _runaway_quote(text: str, index: int, line: int) -> tuple[int, int, str] | None:
    """(opening line, closing line, quote) of a quoted value that spans lines and closes on or
    just before the line where parsing failed: its opening quote was meant to close on its own
    line, and the value swallowed the keys below it up to the next quote in the file."""
    last = _last_quoted(text, index)
    if last is None:
        return None
    start, end = last.start_mark.line + 1, last.end_mark.line + 1
    if start == end or not end <= line <= end + 1:
        return None
    swallowed = text.splitlines()[start:end]
    if not any(re.match(r"\s*(?:- )?[\w-]+:(\s|$)", row) for row in swallowed):
        return None  # a quoted value written over several lines on purpose
    return start, end, last.style


def _stray_text_hint(text: str, index: int, line: int) -> str:
    """Text right after a closing quote (``'it's'``): say how to write the quote inside."""
    last = _last_quoted(text, index)
    if last is None or last.end_mark.line + 1 != line:
        return ""
    rest = text[last.end_mark.index:].split("\n", 1)[0].strip()
    if not rest or rest[0] in "#,]}:":
        return ""
    quote = last.style
    inside = "''" if quote == "'" else '\\"'
    return (f" (text follows the closing quote ({quote}) on line {line}: inside {quote}…{quote} write a {quote} as "
            f"{inside}, or leave the value unquoted)")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _content_lines(lines: list[str], before: int) -> list[tuple[int, str]]:
    """(number, text) of the lines above line ``before`` that hold something, nearest first."""
    return [(n, lines[n - 1]) for n in range(min(before, len(lines) + 1) - 1, 0, -1)
            if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")]


def _mapping_hint(lines: list[str], line: int) -> str:
    """Why a ``key: value`` is not allowed where it stands: indented under a key that has a value
    already, or a value that holds ": " itself."""
    if not 1 <= line <= len(lines):
        return ""
    here = lines[line - 1]
    own = re.match(r"\s*(?:- )*([^\s:#][^:#]*?)\s*:\s+(\S.*)$", here)
    if own and re.search(r":(\s|$)", own.group(2)) and own.group(2)[0] not in "'\"":
        return f" (the value of '{own.group(1)}' on line {line} holds ': ': put the value in quotes)"
    above = _content_lines(lines, line)
    if above:
        number, prev = above[0]
        key = re.match(r"\s*(?:- )*([^\s:#][^:#]*?)\s*:\s+(\S.*)$", prev)
        if _indent(here) > _indent(prev) and key and key.group(2)[0] not in "|>":
            return (f" (line {line} is indented deeper than line {number}, where '{key.group(1)}' already has a "
                    f"value: indent it like the keys above, or put a value that holds ': ' in quotes)")
    return f" (check the indentation of line {line}; a value that holds ': ' must be in quotes)"


def _indent_hint(lines: list[str], line: int) -> str:
    """Name a line whose indentation lines up with no key or list entry above it."""
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        return ""
    column = _indent(lines[line - 1])
    columns = set()
    lowest = None
    for _, prev in _content_lines(lines, line):
        indent = _indent(prev)
        if lowest is None or indent < lowest:  # the keys and entries that enclose the line
            lowest = indent
            columns.add(indent)
            dashes = re.match(r"((?:- +)+)", prev[indent:])
            if dashes:
                columns.add(indent + len(dashes.group(1)))
    if column in columns or not columns:
        return ""
    shown = sorted(columns)
    listed = ", ".join(map(str, shown[:-1])) + (" or " if len(shown) > 1 else "") + str(shown[-1])
    return (f" (line {line} is indented {column} space{'s' * (column != 1)}; the keys and list entries above it "
            f"are indented {listed})")


def _tab_hint(text: str, line: int) -> str:
    """YAML forbids tabs in indentation; when the failing line (or the one before) is indented
    with a tab, say what to do instead of only what the parser found."""
    lines = text.splitlines()
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            indent = lines[number - 1][: len(lines[number - 1]) - len(lines[number - 1].lstrip(" \t"))]
            if "\t" in indent:
                return f" (line {number} is indented with a tab: indent with spaces)"
    return ""


def _to_data(node: Node, loc: Loc, doc: YamlDoc, problems: Collector) -> Any:
    if isinstance(node, ScalarNode):
        if node.style in (None, "") and node.value in _NULLS:  # plain style: None (Python), "" (LibYAML)
            return None
        return node.value
    if isinstance(node, SequenceNode):
        out = []
        for i, child in enumerate(node.value):
            doc.lines[loc + (i,)] = child.start_mark.line + 1
            out.append(_to_data(child, loc + (i,), doc, problems))
        return out
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                problems.error(doc.file, line, format_loc(loc), "keys must be plain text")
                continue
            key = key_node.value
            if key == "<<":
                problems.error(doc.file, line, format_loc(loc), "merge keys (<<) are not allowed")
                continue
            if key in first_line:
                problems.error(
                    doc.file,
                    line,
                    format_loc(loc + (key,)),
                    f"duplicate key '{key}' (first defined on line {first_line[key]})",
                )
                continue
            first_line[key] = line
            doc.lines[loc + (key,)] = line
            out[key] = _to_data(value_node, loc + (key,), doc, problems)
        return out
    raise AssertionError(f"unknown YAML node {node!r}")  # pragma: no cover
