"""The package's shape: no import cycles, no upward imports across the README's layers,
no module or folder too big to read.

The layers come from the table in the README's Architecture section, so the rule and its
documentation cannot drift apart. Function-local imports count: a lazy import is still a
dependency.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import metaledger

PACKAGE = Path(metaledger.__file__).parent
README = PACKAGE.parent.parent / "README.md"
MAX_MODULE_LINES = 450
MAX_MODULES_PER_FOLDER = 15


def _module_name(path: Path) -> str:
    parts = ["metaledger", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The package modules one module imports (at top level or inside functions)."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            # `from package import module` depends on the module, not the package
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in MODULES else module for a in node.names]
        else:
            continue
        found.update(t for t in targets if t in MODULES and t != name)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layers() -> list[tuple[int, list[str]]]:
    """(layer, names) rows of the README's layer table: `cli/` is a folder, `api` a module."""
    text = README.read_text(encoding="utf-8")
    section = text.split("<!-- layers -->", 1)[1].split("<!-- /layers -->", 1)[0]
    rows = []
    for line in section.splitlines():
        match = re.match(r"\|\s*(\d+)\s*\|(.*?)\|", line)
        if match:
            rows.append((int(match.group(1)), re.findall(r"`([a-z_/]+)`", match.group(2))))
    return rows


def _layer_of() -> dict[str, int]:
    layer_of = {}
    for name in MODULES:
        inner = name.removeprefix("metaledger").lstrip(".").replace(".", "/")
        for layer, names in _layers():
            for entry in names:
                folder = entry.rstrip("/")
                if inner == folder or inner.startswith(folder + "/"):
                    layer_of[name] = layer
    return layer_of


def test_readme_names_every_layer_and_every_module_has_one():
    layers = _layers()
    assert len(layers) >= 8, "the README's layer table is missing or unreadable"
    unplaced = sorted(set(MODULES) - set(_layer_of()) - {"metaledger", "metaledger.__main__"})
    assert not unplaced, f"modules in no layer of the README's table: {unplaced}"


def test_no_module_imports_a_higher_layer():
    layer_of = _layer_of()
    upward = [
        f"{name} (layer {layer_of[name]}) imports {target} (layer {layer_of[target]})"
        for name, targets in GRAPH.items()
        for target in sorted(targets)
        if name in layer_of and target in layer_of and layer_of[target] > layer_of[name]
    ]
    assert not upward, "\n".join(upward)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index, low, on_stack, stack, components, counter = {}, {}, set(), [], [], [0]

    def visit(root: str) -> None:
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return components


def test_no_import_cycles():
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_is_small_enough_to_read(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{name}: {lines} lines; split it by sub-kind"


def test_no_folder_holds_too_many_modules():
    folders: dict[Path, int] = {}
    for path in MODULES.values():
        if path.name != "__init__.py":
            folders[path.parent] = folders.get(path.parent, 0) + 1
    crowded = {str(folder.relative_to(PACKAGE)): count for folder, count in folders.items() if count > MAX_MODULES_PER_FOLDER}
    assert not crowded, f"folders with more than {MAX_MODULES_PER_FOLDER} modules: {crowded}"
