"""The apps' imports keep the layers of ARCHITECTURE.md: core at the bottom knowing no domain,
no cycle between apps, no app reaching into another's views, and nothing in the product
importing the tests or the development-only demo app. Read from the source by
import_graph.py, so an import hidden inside a function counts as much as one at the top."""

from .import_graph import (
    LAYERS,
    NEVER_IMPORTED,
    all_imports,
    app_of,
    cycles,
    draw_text,
    imports_between_apps,
    product_files,
    rank,
)


def listing(found):
    return "\n".join(f"  {where}" for where in found)


def test_the_graph_reads_the_apps_and_the_imports_between_them():
    graph = imports_between_apps()
    # Something every version of BoardHub does: the consultations stand on core.
    assert "core" in graph["consultations"]
    assert len(list(product_files())) > 100


def test_every_app_has_a_place_in_the_layers():
    apps = {app_of(f.importer) for f in all_imports()} - {None}
    assert apps <= set(LAYERS), f"add {sorted(apps - set(LAYERS))} to LAYERS in import_graph.py"


def test_core_imports_no_domain_app():
    graph = imports_between_apps()
    assert not graph.get("core"), "core must know no domain app:\n" + listing(
        found for where in graph.get("core", {}).values() for found in where
    )


def test_there_is_no_cycle_between_apps():
    graph = imports_between_apps()
    found = cycles(graph)
    assert not found, (
        "cycles between apps:\n"
        + "\n".join(" -> ".join(c) for c in found)
        + ("\n\nThe graph:\n" + draw_text(graph))
    )


def test_each_app_imports_only_the_layers_below_it():
    upward = [
        found
        for app, imported in imports_between_apps().items()
        for other, where in imported.items()
        if other not in NEVER_IMPORTED and rank(other) is not None and rank(other) > rank(app)
        for found in where
    ]
    assert not upward, (
        "imports of an app in a higher layer (let the upper app register what it adds: see "
        "ARCHITECTURE.md):\n" + listing(upward)
    )


def test_nothing_in_the_product_imports_the_tests_or_the_demo_app():
    offending = [
        found
        for found in all_imports()
        if app_of(found.imported) in NEVER_IMPORTED
        and app_of(found.importer) != "demo"
        and app_of(found.importer) != app_of(found.imported)
    ]
    assert not offending, listing(offending)


def is_views_module(module):
    """boardhub.impact.public_views, home.views, boardhub.feedback.viewsets…: what serves
    requests, which another app should never need."""
    app = app_of(module)
    inside = module.split(".")[2:] if module.startswith("boardhub.") else module.split(".")[1:]
    return app is not None and any(part.endswith(("views", "viewsets")) for part in inside[:1])


def test_no_app_imports_another_apps_views():
    offending = [
        found
        for found in all_imports()
        if is_views_module(found.imported)
        and app_of(found.importer) not in (None, "demo", app_of(found.imported))
    ]
    assert not offending, listing(offending)
