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

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Collector

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
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        message = exc.problem or str(exc)
        if exc.context and exc.problem:
            message = f"{exc.context}, {exc.problem}"
        problems.error(shown, line, "", f"YAML syntax: {message}{_tab_hint(text, line)}")
        return None
    except yaml.reader.ReaderError as exc:  # characters YAML itself refuses
        line = text[: exc.position].count("\n") + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        from .text import bad_character

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
