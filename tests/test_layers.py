"""The apps form layers and imports point down only (docs/architecture.md "Layers"):

    lib, accounts, organisation, outbox  →  petitions  →  routing, notifications  →  workflow  →  answers
    →  pages and APIs (api, open311, assistant, dashboard, demo, ops, zalo)

A module of a lower app never imports a module of a higher app — not at the top of the file and
not inside a function. Later steps hook in through signals or explicit calls from above. An app's
own pages (views, urls, template tags, management commands, the admin) sit in the top layer: the
web form of `petitions` may call `workflow.intake`. `lib` imports no app at all, and no app
imports the demo (it builds a city from the outside, through the same functions)."""

import ast
from pathlib import Path

LAYERS = [
    {"lib", "accounts", "organisation", "outbox"},
    {"petitions"},
    {"routing", "notifications"},
    {"workflow"},
    {"answers"},
    {"api", "open311", "assistant", "dashboard", "demo", "ops", "zalo", "inbound"},
]
LEVEL = {app: number for number, apps in enumerate(LAYERS) for app in apps}
TOP = len(LAYERS) - 1
PAGES = {"views", "urls", "templatetags", "management", "admin"}
PACKAGE = Path(__file__).resolve().parents[1] / "civicdesk"


def _imported_apps(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + ([f"{node.module}.{a.name}" for a in node.names] if node.module == "civicdesk"
                                     else [])
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if len(parts) >= 2 and parts[0] == "civicdesk" and parts[1] in LEVEL:
                found.append((node.lineno, parts[1]))
    return found


def _layer_of(path: Path) -> tuple[str, int] | None:
    parts = path.relative_to(PACKAGE).parts
    if len(parts) < 2 or parts[0] not in LEVEL or "migrations" in parts:
        return None
    app, module = parts[0], Path(parts[1]).stem
    return app, (TOP if module in PAGES else LEVEL[app])


def upward_imports() -> list[str]:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        placed = _layer_of(path)
        if placed is None:
            continue
        app, level = placed
        for line, target in _imported_apps(path):
            if target == "demo" and app != "demo":
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} {app} imports civicdesk.demo")
            elif app == "lib" and target != "lib":
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} lib imports civicdesk.{target}")
            elif LEVEL[target] > level:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} {app} imports civicdesk.{target}")
    return wrong


def test_no_app_imports_a_higher_layer():
    assert upward_imports() == []


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The check itself: a petitions module importing workflow, even inside a function, is found."""
    fake = tmp_path / "civicdesk"
    (fake / "petitions").mkdir(parents=True)
    (fake / "petitions" / "cases.py").write_text("def f():\n    from civicdesk.workflow import sla\n")
    (fake / "petitions" / "views.py").write_text("from civicdesk.workflow import sla\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", fake)
    assert upward_imports() == ["civicdesk/petitions/cases.py:2 petitions imports civicdesk.workflow"]
