"""Templates -> HTML in the briefgen vocabulary (docs/vocabulary.md).

Templates run in Jinja's sandbox with autoescaping and strict undefined names. Content never
becomes markup: the ``safe`` and ``attr`` filters are removed, string and list repetition is
bounded, output size is capped and a render that runs too long is stopped.
"""

from __future__ import annotations

import base64
import hashlib
import re
import signal
import threading
import traceback
from contextlib import contextmanager
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from ..errors import Problem, TemplateError, display_path

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"
MAX_OUTPUT_CHARS = 2_000_000
MAX_SEQUENCE = 200_000
TIME_LIMIT_S = 10.0


class Templates:
    """The template folders in lookup order: a user's folder first, then the built-in one.

    Every file (templates, stylesheets, catalog.yaml, reference.docx, images) is looked up file
    by file, so a user folder needs to hold only what it changes.
    """

    def __init__(self, user: Path | None = None, builtin: Path = BUILTIN_TEMPLATES):
        self.dirs = [d.resolve() for d in ([user] if user else []) + [builtin]]
        self._env: BriefEnvironment | None = None

    def find(self, name: str) -> Path:
        for folder in self.dirs:
            path = (folder / name).resolve()
            if path.is_relative_to(folder) and path.is_file():
                return path
        where = " or ".join(display_path(d) for d in self.dirs)
        raise TemplateError(f"{name}: not found in {where}")

    def exists(self, name: str) -> bool:
        try:
            self.find(name)
        except TemplateError:
            return False
        return True

    def locator(self, name: str):
        """A function finding where template text appears: the named template first, then the
        other templates in the folders (its parents, includes and macros)."""

        def locate(needle: str):
            candidates = []
            try:
                candidates.append(self.find(name))
            except TemplateError:
                pass
            for folder in self.dirs:
                candidates.extend(sorted(folder.glob("*.j2")))
            lowered = needle.lower()
            for path in candidates:
                try:
                    lines = path.read_text(encoding="utf-8").splitlines()
                except (OSError, UnicodeDecodeError):
                    continue
                for number, line in enumerate(lines, 1):
                    if lowered in line.lower():
                        return display_path(path), number
            return None

        return locate

    def fingerprint(self) -> str:
        """A hash of every file in every template folder, for build caching."""
        h = hashlib.sha256()
        for folder in self.dirs:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                h.update(str(path.relative_to(folder)).encode() + b"\0")
                h.update(hashlib.sha256(path.read_bytes()).digest())
        return h.hexdigest()

    @property
    def env(self) -> "BriefEnvironment":
        if self._env is None:
            self._env = BriefEnvironment(
                loader=_GuardedLoader([str(d) for d in self.dirs]),
                autoescape=True,
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
                keep_trailing_newline=False,
            )
            self._env.globals["figure_uri"] = self._figure_uri
        return self._env

    def _figure_uri(self, name: str, **context) -> str:
        """Render a figure template (e.g. an SVG) into a ``data:`` URI for ``<img src>``."""
        kind = {".svg.j2": "image/svg+xml"}.get("".join(Path(name).suffixes[-2:]))
        if kind is None:
            raise SecurityError(f"figure_uri renders only .svg.j2 templates, not {name!r}")
        text = self.env.get_template(name).render(**context)
        problem = figure_problem(text)
        if problem:  # named here, where the figure's template is known (not later by a writer)
            message, needle = problem
            found = self.locator(name)(needle) if needle.strip() else None
            file, line = found or (display_path(self.find(name)), 0)
            raise TemplateError([Problem(file, line, "", f"figure {name}: {message}")])
        return f"data:{kind};base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")

    def render(self, name: str, context: dict) -> str:
        """Render template ``name``; any failure is a ``TemplateError`` naming file and line."""
        try:
            with _time_limit(TIME_LIMIT_S, name):
                template = self.env.get_template(name)
                out: list[str] = []
                size = 0
                for chunk in template.generate(context):
                    size += len(chunk)
                    if size > MAX_OUTPUT_CHARS:
                        raise _Stop(f"output is larger than {MAX_OUTPUT_CHARS:,} characters")
                    out.append(chunk)
                return "".join(out)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError([Problem(_shown(exc.filename or name), exc.lineno or 0, "", f"template syntax: {exc.message}")]) from None
        except jinja2.TemplateNotFound as exc:
            # name the template and line that asked for it (include, import, extends, figure_uri)
            file, line = _template_frame(exc, name)
            wanted = ", ".join(getattr(exc, "templates", None) or [exc.name])
            where = " or ".join(display_path(d) for d in self.dirs)
            raise TemplateError([Problem(file, line, "", f"template not found: {wanted} "
                                         f"(looked in {where}; names are relative to those folders)")]) from None
        except (jinja2.UndefinedError, SecurityError, _Stop, TimeoutError, jinja2.TemplateError,
                TypeError, ValueError, ArithmeticError, AttributeError, KeyError, IndexError,
                RecursionError, MemoryError) as exc:
            file, line = _template_frame(exc, name)
            kind = {
                "UndefinedError": "undefined name",
                "SecurityError": "not allowed in templates",
                "_Stop": "stopped",
                "TimeoutError": "stopped",
            }.get(type(exc).__name__, "error")
            raise TemplateError([Problem(file, line, "", f"{kind}: {exc}")]) from None


class _Stop(Exception):
    pass


_REFERENCE = re.compile(r"""url\(\s*['"]?([^'")\s]*)|@import\s*['"]?([^'";\s]*)""", re.IGNORECASE)
_INLINE_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);", re.IGNORECASE)
_NO_FIGURE = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video"}


def figure_problem(svg: str) -> tuple[str, str] | None:
    """What keeps ``svg`` from being a figure, and the text it is about: an SVG figure is one
    well-formed ``<svg>`` document that loads nothing (every ``href`` and ``url()`` a ``#id``
    or an inline image), runs nothing and embeds no other document; WeasyPrint would skip a
    resource it may not fetch without a word, CairoSVG would fail on what follows ``</svg>``."""
    from lxml import etree

    head = svg.lstrip()[:9].lower()
    if head.startswith("<?xml-") or head.startswith("<!doctype") or "<!entity" in svg.lower():
        return "no processing instruction, DOCTYPE or entity in a figure", svg.lstrip().split("\n", 1)[0]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(svg.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        lines = svg.splitlines()
        at = lines[exc.lineno - 1].strip() if 0 < (exc.lineno or 0) <= len(lines) else ""
        why = re.sub(r", line \d+, column \d+$", "", exc.msg)  # of the rendered figure, not the template
        return f"not a well-formed SVG document ({why})", at
    if etree.QName(root).localname != "svg":
        return f"the document is <{etree.QName(root).localname}>, not <svg>", f"<{etree.QName(root).localname}"
    for el in root.iter():
        if not isinstance(el.tag, str):
            if isinstance(el, etree._ProcessingInstruction):
                return "no processing instruction in a figure", f"<?{el.target}"
            continue
        tag = etree.QName(el).localname
        if tag in _NO_FIGURE:
            return f"<{tag}> is not allowed in a figure", f"<{tag}"
        values = [(etree.QName(k).localname, v) for k, v in el.attrib.items()] + [("style", el.text or "")] * (tag == "style")
        for attr, value in values:
            if attr.lower().startswith("on"):
                return f"attribute '{attr}' is not allowed in a figure", attr
            targets = [value.strip()] if attr in ("href", "src") else \
                [a or b for a, b in _REFERENCE.findall(value)]
            for target in targets:
                if not (target.startswith("#") or _INLINE_IMAGE.match(target)):
                    return (f"'{target}' is outside the figure: a figure loads nothing (only #id and inline "
                            "data:image/png, jpeg, gif or webp)"), target or value
    return None


class _GuardedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that will not follow a symlink out of its folders."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(d).resolve()) for d in self.searchpath):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


_WIDTH_IN_FORMAT = re.compile(r"[{%][^{}%]*?\d{6,}")


def _check_size_args(args, kwargs, what: str) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SEQUENCE:
            raise SecurityError(f"{what}: argument {value:,} is too large")
        if isinstance(value, str) and len(value) > MAX_OUTPUT_CHARS:
            raise SecurityError(f"{what}: argument is too long")


def _guard_filter(name: str, func):
    def guarded(*args, **kwargs):
        _check_size_args(args, kwargs, f"filter {name}")
        strs = [a for a in args if isinstance(a, str)]
        if name == "replace" and len(strs) >= 3:
            text, old, new = strs[0], strs[1], strs[2]
            if len(text) * max(1, len(new)) // max(1, len(old)) > MAX_OUTPUT_CHARS:
                raise SecurityError("filter replace: result would be too large")
        if name == "format" and strs and _WIDTH_IN_FORMAT.search(strs[0]):
            raise SecurityError("filter format: field width too large")
        return func(*args, **kwargs)

    for attr in ("jinja_pass_arg",):
        if hasattr(func, attr):
            setattr(guarded, attr, getattr(func, attr))
    return guarded


class BriefEnvironment(SandboxedEnvironment):
    """The sandbox, minus the ways to turn content into markup or to allocate without bound."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for name in ("safe", "attr", "xmlattr"):
            self.filters.pop(name, None)
        self.globals.pop("lipsum", None)
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}

    def wrap_str_format(self, value):
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and _WIDTH_IN_FORMAT.search(getattr(value, "__self__", "")):
            def refuse(*args, **kwargs):
                raise SecurityError("format: field width too large")

            return refuse
        return wrapped

    def call(self, __context, __obj, *args, **kwargs):
        """Calls from templates: no huge sizes (``'a'.ljust(10**9)``), no wide format fields."""
        name = getattr(__obj, "__name__", type(__obj).__name__)
        _check_size_args(args, kwargs, f"call to {name}")
        if name in ("format", "format_map") and isinstance(getattr(__obj, "__self__", None), str):
            if _WIDTH_IN_FORMAT.search(__obj.__self__):
                raise SecurityError("format: field width too large")
        if name == "replace" and isinstance(getattr(__obj, "__self__", None), str) and len(args) >= 2:
            if len(__obj.__self__) * max(1, len(str(args[1]))) // max(1, len(str(args[0]))) > MAX_OUTPUT_CHARS:
                raise SecurityError("replace: result would be too large")
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("exponent too large")
        if operator == "%" and isinstance(left, str):
            values = right if isinstance(right, tuple) else (right,)
            _check_size_args(values, {}, "% formatting")
            if _WIDTH_IN_FORMAT.search(left):
                raise SecurityError("% formatting: field width too large")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_SEQUENCE:
                    raise SecurityError(f"repetition would make {len(seq) * n:,} elements")
        if operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, type(left)):
            if len(left) + len(right) > MAX_OUTPUT_CHARS:
                raise SecurityError("concatenation too large")
        return super().call_binop(context, operator, left, right)


def _shown(filename: str) -> str:
    return display_path(filename) if filename else filename


def _template_frame(exc: BaseException, name: str) -> tuple[str, int]:
    """The innermost template file and line in a traceback (Jinja maps frames to templates)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2") or frame.filename.endswith(".html"):
            return _shown(frame.filename), frame.lineno or 0
    return name, 0


@contextmanager
def _time_limit(seconds: float, name: str):
    """Stop a render that runs past ``seconds`` (main thread only; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum, frame):
        raise TimeoutError(f"rendering {name} took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
