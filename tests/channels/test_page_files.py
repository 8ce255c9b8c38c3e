"""The page's files as the static route serves them: ES modules with a JavaScript type, nothing outside the folder.

The page is split into ES modules loaded by the browser as they are (no bundler):
one missing file or misspelt import stops the whole page, so the module graph
is checked here, without a browser.
"""

from __future__ import annotations

import re
from typing import Dict, Set

import pytest

from assistant.channels.web import STATIC_DIR, _static

IMPORT = re.compile(r'^\s*import\s*\{([^}]*)\}\s*from\s*"([^"]+)"\s*;', re.MULTILINE)
ANY_FROM = re.compile(r'\bfrom\s*"([^"]+)"|\bimport\s*\(\s*"([^"]+)"|^\s*import\s*"([^"]+)"', re.MULTILINE)
EXPORT = re.compile(r"^export\s+(?:async\s+)?(?:function|const|let|class)\s+(\w+)", re.MULTILINE)
MODULES = sorted(p.name for p in STATIC_DIR.glob("*.js"))


def _source(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def _imports(name: str) -> Dict[str, Set[str]]:
    """module -> the names it imports from it."""
    found: Dict[str, Set[str]] = {}
    for names, target in IMPORT.findall(_source(name)):
        found.setdefault(target, set()).update(n.split(" as ")[0].strip() for n in names.split(",") if n.strip())
    return found


@pytest.mark.parametrize("name", MODULES)
def test_every_module_is_served_as_javascript_with_the_pages_security_headers(name: str) -> None:
    served = _static(name)
    assert served.status == 200
    kind = served.content_type.split(";")[0].strip()
    assert kind in ("text/javascript", "application/javascript"), served.content_type  # a module needs one of these
    assert "charset=utf-8" in served.content_type
    assert "script-src 'self'" in served.headers["Content-Security-Policy"]
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.body == (STATIC_DIR / name).read_bytes()


@pytest.mark.parametrize(
    "name", ["../web.py", "..", "", "/etc/passwd", "../../config.py", "missing.js", "static/app.js"]
)
def test_nothing_outside_the_static_folder_is_served(name: str) -> None:
    assert _static(name).status == 404


def test_the_page_loads_one_module_entry_and_no_inline_script() -> None:
    page = _source("index.html")
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.DOTALL)
    assert scripts == [(' type="module" src="static/app.js"', "")]
    assert not re.search(r"\son[a-z]+\s*=", page, re.IGNORECASE)  # no inline event handlers either


def test_every_import_names_a_module_of_the_folder_and_what_it_exports() -> None:
    for name in MODULES:
        source = _source(name)
        targets = {next(t for t in groups if t) for groups in ANY_FROM.findall(source)}
        assert targets == set(_imports(name)), f'{name}: only `import {{...}} from "./x.js";` is used'
        for target, names in _imports(name).items():
            assert re.fullmatch(r"\./[a-z]+\.js", target), f"{name} imports {target}: same folder, relative, .js"
            exported = set(EXPORT.findall(_source(target[2:])))
            assert names <= exported, f"{name} imports {sorted(names - exported)} that {target} does not export"


def test_every_module_is_reachable_from_the_entry_and_none_imports_itself_back() -> None:
    seen: Set[str] = set()
    path: list = []

    def visit(name: str) -> None:
        assert name not in path, f"import cycle: {' -> '.join(path + [name])}"
        if name in seen:
            return
        seen.add(name)
        path.append(name)
        for target in _imports(name):
            visit(target[2:])
        path.pop()

    visit("app.js")
    assert seen == set(MODULES), f"not loaded by the page: {sorted(set(MODULES) - seen)}"
