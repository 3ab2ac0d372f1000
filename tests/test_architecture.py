"""Rules of the architecture (docs/architecture.md "Layers"): `core` never imports Qt, not even indirectly,
and the faces (window, command line) reach the core only through its services."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ruankao_desktop

CORE = Path(ruankao_desktop.__file__).parent / "core"


def test_no_core_module_names_qt() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in {"PySide6", "shiboken6"}]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = sorted(
        ".".join(("ruankao_desktop", *path.relative_to(CORE.parent).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for path in CORE.rglob("*.py")
    )
    script = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    script += "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
    assert len(modules) > 10


FACES = Path(ruankao_desktop.__file__).parent
FACE_FILES = [
    FACES / "cli.py",
    FACES / "app.py",
    *(FACES / "ui").rglob("*.py"),
    *(FACES / "commands").rglob("*.py"),
]
ALLOWED_CORE = {"services", "domain", "messages", "errors", "config"}


def core_imports(path: Path, package: str) -> list[str]:
    """The `ruankao_desktop.core…` modules a file of `package` imports, at any depth of the file (deferred
    imports too), relative imports resolved."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append(module)
            found += [f"{module}.{alias.name}" for alias in node.names]
    return sorted({name for name in found if name.startswith("ruankao_desktop.core.")})


def package_of(path: Path) -> str:
    return ".".join(("ruankao_desktop", *path.relative_to(FACES).parent.parts))


def test_the_faces_reach_the_core_only_through_services_and_the_shared_vocabulary() -> None:
    """docs/architecture.md "Layers": the window and the command line import from the core only its
    services, domain rules, messages, errors and configuration — never the store, the PDF builders or
    the importing machinery, so that every query and every rule sits behind a service call."""
    offenders = [
        f"{path.relative_to(FACES)}: {name}"
        for path in FACE_FILES
        for name in core_imports(path, package_of(path))
        if name.split(".")[2] not in ALLOWED_CORE
    ]
    assert offenders == []


def test_the_layer_rule_sees_a_store_import_however_it_is_written(tmp_path: Path) -> None:
    sneaky = tmp_path / "pane.py"
    sneaky.write_text(
        "from ...core.store import search\n"
        "def load():\n    from ruankao_desktop.core.store.models import Certificate\n    return 1\n",
        encoding="utf-8",
    )
    found = core_imports(sneaky, "ruankao_desktop.ui.panes")
    assert "ruankao_desktop.core.store.models" in found
    assert "ruankao_desktop.core.store.search" in found
