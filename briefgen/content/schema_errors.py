"""Turn pydantic validation errors into located ``Problem``s with messages that show the bad value."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Collector
from ..paths import ID_PATTERN
from ..text import WHEN_PATTERN
from .yamlsafe import YamlDoc, format_loc

_PATTERNS = {
    ID_PATTERN: "an id of lower-case letters, digits and hyphens",
    WHEN_PATTERN: "a year (2021), a decade (1960s), a range (2021/2025), a month (2021-11) or a date (2021-11-05)",
    r"^[a-z]{2,3}(-[A-Z]{2})?$": "a language tag such as en-US",
}


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"'{text}'"


def _model_at(root: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the last element of ``loc`` (through lists, dicts, Optionals)."""
    current: Any = root
    for part in loc[:-1]:
        current = _strip(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            info = current.model_fields.get(part) or next(
                (f for f in current.model_fields.values() if f.alias == part), None)
            if info is None:
                return None
            current = info.annotation
            continue
        origin = typing.get_origin(current)
        args = typing.get_args(current)
        if origin is list and args:
            current = args[0]
        elif origin is dict and len(args) == 2:
            current = args[1]
        else:
            return None
    current = _strip(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def element_model(annotation: Any) -> Any:
    """The element type of a list annotation (``list[Item]`` -> ``Item``)."""
    annotation = _strip(annotation)
    args = typing.get_args(annotation)
    return _strip(args[0]) if typing.get_origin(annotation) is list and args else annotation


def _strip(annotation: Any) -> Any:
    """Annotated[X, ...] -> X; Optional[X] / X | None -> X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def message_for(error: dict, root: type[BaseModel]) -> str:
    """A user-facing message for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    loc = tuple(error["loc"])
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(root, loc)
        allowed = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        if allowed and not close:
            hint = f" (allowed: {', '.join(allowed)})"
        return f"unknown field '{key}'{hint}"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", error["msg"]))
    if kind == "string_type":
        return f"expected text, got {_shown(value)}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number, got {_shown(value)}"
    if kind in ("float_parsing", "float_type"):
        return f"expected a number, got {_shown(value)}"
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"):
        return f"expected a date as YYYY-MM-DD, got {_shown(value)}"
    if kind == "string_pattern_mismatch":
        wanted = _PATTERNS.get(ctx.get("pattern", ""), f"text matching {ctx.get('pattern')}")
        return f"expected {wanted}, got {_shown(value)}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}, got {_shown(value)}"
    if kind == "list_type":
        return f"expected a list, got {_shown(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields, got {_shown(value)}"
    if kind == "too_short":
        if isinstance(value, list):
            n = ctx.get("min_length")
            return f"needs at least {n} entr{'y' if n == 1 else 'ies'}"
        return f"must be at least {ctx.get('min_length')} characters, got {_shown(value)}"
    if kind in ("string_too_short",):
        return f"must be at least {ctx.get('min_length')} characters, got {_shown(value)}"
    if kind in ("string_too_long", "too_long"):
        return f"must be at most {ctx.get('max_length')} characters, got {_shown(value)}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": ">=", "greater_than": ">", "less_than_equal": "<=", "less_than": "<"}[kind]
        limit = next(iter(ctx.values()), "")
        return f"must be {bound} {limit}, got {_shown(value)}"
    return f"{error['msg']} (got {_shown(value)})"


def validate(model: type[BaseModel], doc: YamlDoc, problems: Collector, prefix: tuple = (), data: Any = None,
             context: dict | None = None):
    """Validate ``data`` (default: the whole of ``doc``) against ``model``.

    Every error is recorded, located in ``doc`` under ``prefix``. Returns the model instance, or
    None when there were errors. ``context`` reaches the validators (e.g. ``{"draft": True}``).
    """
    try:
        return model.model_validate(doc.data if data is None and not prefix else data, context=context)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = prefix + tuple(error["loc"])
            problems.error(doc.file, doc.line(loc), format_loc(loc), message_for(error, model))
        return None
