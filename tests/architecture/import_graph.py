"""The imports between BoardHub's apps, read from the source with the standard library's `ast`
(nothing is imported or run), and the layers they must respect (shared ARCHITECTURE.md).

Draw the graph from the project's folder:

    python tests/architecture/import_graph.py          # each app and the apps it imports
    python tests/architecture/import_graph.py --dot    # the same for Graphviz: | dot -Tsvg

Every import counts, including one inside a function: hiding an import there does not make
the dependency go away, it only makes it harder to see.
"""

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]

# Lowest first. An app may import only the apps before it in this list. The order within a
# layer of ARCHITECTURE.md is the order its descriptions call for (joining reads members;
# meetings read impact; demo builds everything, home included, and nothing imports it).
LAYERS = (
    "core",
    "services",
    "members",
    "privacy",  # the "your data" mechanism: the apps above register their personal data
    "notifications",
    "joining",
    "easyread",
    "consultations",
    "feedback",
    "impact",
    "meetings",
    "representation",
    "reports",
    "home",
    "demo",
)
# Modules that wire the apps together and may import any of them.
PROJECT_MODULES = ("boardhub.settings", "boardhub.urls", "boardhub.wsgi", "boardhub.asgi")
NEVER_IMPORTED = ("demo", "tests")


@dataclass(frozen=True)
class Import:
    importer: str  # the module that imports, e.g. "boardhub.members.views"
    imported: str  # what it names, e.g. "boardhub.impact.models"
    path: Path
    line: int

    def __str__(self):
        return f"{self.path.relative_to(PROJECT)}:{self.line} imports {self.imported}"


def product_files():
    for folder in (PROJECT / "boardhub", PROJECT / "home"):
        for path in sorted(folder.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def module_name(path):
    parts = list(path.relative_to(PROJECT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_in(path):
    importer = module_name(path)
    package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = resolve(node.module, node.level, package)
            # `from boardhub.impact import views` names the module boardhub.impact.views.
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            yield Import(importer, name, path, node.lineno)


def resolve(module, level, package):
    if level == 0:
        return module
    base = package.split(".")[: len(package.split(".")) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def app_of(module):
    """The app a module belongs to ("members", "home", "tests"…), or None for the project's
    wiring and for anything outside BoardHub."""
    parts = module.split(".")
    if module.startswith(PROJECT_MODULES):
        return None
    if parts[0] == "boardhub" and len(parts) > 1:
        return parts[1]
    if parts[0] in ("home", "tests"):
        return parts[0]
    return None


def all_imports():
    for path in product_files():
        yield from imports_in(path)


def imports_between_apps():
    """{importing app: {imported app: [Import, …]}}, leaving out an app's imports of itself."""
    graph = defaultdict(lambda: defaultdict(list))
    for found in all_imports():
        importer, imported = app_of(found.importer), app_of(found.imported)
        if importer and imported and importer != imported:
            graph[importer][imported].append(found)
    return graph


def cycles(graph):
    """Each cycle between apps once, as a list of apps [a, b, …, a]."""
    found = []
    seen = set()

    def walk(app, trail):
        for imported in sorted(graph.get(app, ())):
            if imported in trail:
                cycle = trail[trail.index(imported) :] + [imported]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    found.append(cycle)
            else:
                walk(imported, trail + [imported])

    for app in sorted(graph):
        walk(app, [app])
    return found


def rank(app):
    return LAYERS.index(app) if app in LAYERS else None


def draw_text(graph):
    apps = sorted(set(graph) | {a for deps in graph.values() for a in deps}, key=sort_key)
    lines = []
    for app in apps:
        imported = sorted(graph.get(app, {}), key=sort_key)
        lines.append(f"{app:<15} -> {', '.join(imported) or '(nothing)'}")
    return "\n".join(lines)


def draw_dot(graph):
    lines = ["digraph boardhub {", "  rankdir=BT;"]
    for app, imported in sorted(graph.items()):
        for other, where in sorted(imported.items()):
            lines.append(f'  "{app}" -> "{other}" [label="{len(where)}"];')
    lines.append("}")
    return "\n".join(lines)


def sort_key(app):
    position = rank(app)
    return (position if position is not None else len(LAYERS), app)


if __name__ == "__main__":
    graph = imports_between_apps()
    print(draw_dot(graph) if "--dot" in sys.argv[1:] else draw_text(graph))
    for cycle in cycles(graph):
        print("cycle:", " -> ".join(cycle))
