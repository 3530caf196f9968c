"""The package's shape: modules import one way (no cycle, lazy imports inside functions
included), and no module has grown past the size where it should be split; and the tests read
their own content, never the user's."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import CONTENT, ROOT, SHIPPED

PACKAGE = Path(__file__).resolve().parent.parent / "briefgen"

# The layers, listed once: what each part of the package may never import (a part is a
# subpackage or a root module; a rule on "briefgen.compose" covers every module in it). The
# pipeline reads bottom-up: the ground floor, content, compose, write; the stages above them.
GROUND = ("briefgen.errors", "briefgen.paths", "briefgen.text")
STAGES = ("briefgen.ingest", "briefgen.distill", "briefgen.update", "briefgen.wording", "briefgen.a11y",
          "briefgen.preview", "briefgen.build", "briefgen.memo", "briefgen.check")
NEVER_IMPORTS = {
    **{g: ("briefgen.content", "briefgen.compose", "briefgen.write", *STAGES, "briefgen.cli") for g in GROUND},
    "briefgen.content": ("briefgen.compose", "briefgen.write", "briefgen.build", "briefgen.memo", "briefgen.check",
                         "briefgen.preview", "briefgen.distill", "briefgen.update", "briefgen.cli"),
    "briefgen.compose": ("briefgen.write", "briefgen.build", "briefgen.memo", "briefgen.check", "briefgen.preview",
                         "briefgen.distill", "briefgen.update", "briefgen.cli"),
    "briefgen.write": ("briefgen.build", "briefgen.memo", "briefgen.check", "briefgen.preview", "briefgen.distill",
                       "briefgen.update", "briefgen.cli"),
    **{stage: ("briefgen.cli",) for stage in STAGES},
}


def _modules(package: Path = PACKAGE) -> dict[str, Path]:
    found = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                full = f"{module}.{alias.name}"
                targets.add(full if full in modules else module)
        elif isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
    # a package and its own modules may import each other (its __init__ re-exports them)
    return {t for t in targets if t in modules and t != name
            and not t.startswith(name + ".") and not name.startswith(t + ".")}


def test_modules_import_one_way():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    cycles, state, stack = [], {}, []

    def visit(name):
        state[name] = "open"
        stack.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                cycles.append(" -> ".join(stack[stack.index(target):] + [target]))
            elif target not in state:
                visit(target)
        stack.pop()
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert len(modules) > 40 and cycles == []


def _part_of(name: str) -> str:
    """The part a module belongs to: its subpackage, or itself at the root."""
    return ".".join(name.split(".")[:2])


def layer_breaks(package: Path = PACKAGE) -> list[str]:
    """Every import that goes against NEVER_IMPORTS: "importer -> imported"."""
    modules = _modules(package)
    out = []
    for name, path in sorted(modules.items()):
        banned = NEVER_IMPORTS.get(_part_of(name), ())
        for target in sorted(_imports(name, path, modules)):
            if _part_of(target) in banned:
                out.append(f"{name} -> {target}")
    return out


def test_imports_keep_the_layer_order():
    """content never imports compose or write; compose never imports write; the stages never
    import cli; the ground floor imports nothing of the package above it."""
    assert layer_breaks() == []


def test_the_layer_check_catches_a_module_that_breaks_the_order(tmp_path):
    """A module made for the purpose: content importing compose, and a stage importing cli."""
    import shutil

    copy = tmp_path / "briefgen"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
    (copy / "content" / "uses_compose.py").write_text("from ..compose.select import ranked\n", encoding="utf-8")
    (copy / "compose" / "uses_write.py").write_text("def f():\n    from ..write import pdf\n", encoding="utf-8")
    (copy / "distill" / "uses_cli.py").write_text("import briefgen.cli\n", encoding="utf-8")
    assert layer_breaks(copy) == ["briefgen.compose.uses_write -> briefgen.write.pdf",
                                  "briefgen.content.uses_compose -> briefgen.compose.select",
                                  "briefgen.distill.uses_cli -> briefgen.cli"]


def test_no_module_past_the_split_size():
    """The house rule: a module past about 400 lines is split along its jobs."""
    sizes = {str(p.relative_to(PACKAGE.parent)): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > 400} == {}


# --- tests read their own content, never the user's (issue 23, item 23) -----------------------

TESTS = Path(__file__).resolve().parent
READS_CONTENT = {"BuildOptions", "PreviewOptions", "UpdateOptions", "DistillOptions"}  # content= defaults to ./content
CLI_READS_CONTENT = {"build", "check", "preview", "memo", "update", "distill"}


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _uses_the_users_content(call: ast.Call) -> str | None:
    """Why this call would read the repository's content/ folder (which may hold any number of
    dossiers), or None."""
    name = getattr(call.func, "id", getattr(call.func, "attr", ""))
    keywords = {k.arg for k in call.keywords}
    if name in READS_CONTENT and "content" not in keywords and None not in keywords:  # None: **options
        return f"{name}() without content="
    cwd = next((k.value for k in call.keywords if k.arg == "cwd"), None)
    if cwd is not None and getattr(cwd, "id", "") == "ROOT":
        words = [w for arg in call.args for w in _strings(arg)]
        if "briefgen.cli" in words and CLI_READS_CONTENT & set(words) and "--content" not in words:
            return "briefgen run in the repository without --content"
    return None


def test_no_test_reads_the_users_content_folder():
    """A test that builds or checks works on a copy of the content (conftest's fixture tree or
    its own), so a dossier a user adds to content/, as the README invites, cannot change what
    it sees: ``make test`` failed with a second dossier there (one test counted its briefs)."""
    found = []
    for path in sorted(TESTS.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (why := _uses_the_users_content(node)):
                found.append(f"{path.name}:{node.lineno}: {why}")
    assert found == []


def test_tests_read_a_fixture_tree_not_the_users_content_folder():
    """A user's content never breaks the tests: conftest's CONTENT is a copy, outside the
    repository, of the folders the tests are about."""
    assert CONTENT.resolve() != SHIPPED.resolve()
    assert not CONTENT.resolve().is_relative_to(ROOT.resolve())
    assert sorted(p.name for p in CONTENT.iterdir()) == ["china-russia", "memos"]
