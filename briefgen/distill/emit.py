"""Write draft content as YAML a person will edit: block style, long text folded at 96 columns,
short text plain when that is safe and double-quoted otherwise, and comments where a reviewer
needs to know why an entry is there (a key starting with ``#`` is written as a comment)."""

from __future__ import annotations

import json
import re
from datetime import date

WIDTH = 96
_PLAIN = re.compile(r"^[A-Za-z(“‘][^:#\n\"]*$")
_KEYWORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


class Raw(str):
    """A scalar written as is (dates, numbers the schema converts)."""


def _scalar(value, indent: int, used: int = 0) -> str:
    """``value`` as a YAML scalar for a key at column ``indent`` whose line already holds ``used``
    characters."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Raw)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if len(text) + indent + used > WIDTH and "\n" not in text and text == " ".join(text.split()):
        return ">-\n" + _fold(text, indent + 2)
    if (_PLAIN.match(text) and text.lower() not in _KEYWORDS and not text.endswith((" ", ":"))
            and not re.search(r"\s#|:\s", text) and text[:1] not in "{}[],&*!|>%@`'\""):
        return text
    return json.dumps(text, ensure_ascii=False)


def _fold(text: str, indent: int) -> str:
    pad = " " * indent
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(pad) + len(current) + 1 + len(word) > WIDTH:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(pad + line for line in lines)


def dump(data: dict, header: str = "") -> str:
    out: list[str] = [f"# {line}".rstrip() for line in header.splitlines()]
    if out:
        out.append("")
    _mapping(data, 0, out)
    return "\n".join(out) + "\n"


def _mapping(data: dict, indent: int, out: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    first = True
    for key, value in data.items():
        prefix = first_prefix if (first and first_prefix is not None) else pad
        if key.startswith("#"):
            for line in str(value).splitlines():
                out.append(f"{prefix}# {line}".rstrip())
                prefix = pad
            if first and first_prefix is not None:
                first_prefix = pad  # the comment took the list dash's line
                continue
            first = False if first_prefix is None else first
            continue
        first = False
        if isinstance(value, dict):
            if not value:
                out.append(f"{prefix}{key}: {{}}")
                continue
            out.append(f"{prefix}{key}:")
            _mapping(value, indent + 2, out)
        elif isinstance(value, list):
            if not value:
                out.append(f"{prefix}{key}: []")
                continue
            out.append(f"{prefix}{key}:")
            _sequence(value, indent + 2, out)
        else:
            out.append(f"{prefix}{key}: {_scalar(value, indent, len(key) + 2)}")


def _sequence(items: list, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for i, item in enumerate(items):
        if isinstance(item, dict):
            if i and any(isinstance(v, (dict, list)) for v in item.values()):
                out.append("")
            _mapping(item, indent + 2, out, first_prefix=pad + "- ")
        else:
            out.append(f"{pad}- {_scalar(item, indent, 2)}")
