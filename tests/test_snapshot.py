"""Python from a memory snapshot: a second visit restores it and gives the same answers as a normal
boot on every worked example; a corrupt, truncated or mismatched snapshot is thrown away and Python
boots normally, with the right results."""

from __future__ import annotations

import base64
import gzip
import json
import subprocess

import pytest

from calculators import CALCULATORS
from support import BOOT, ROOT, replay_by_link, replay_example, wait_until

PYTHON = "document.documentElement.dataset.spPython"
KEPT = "document.documentElement.dataset.spSnapshot === 'kept'"
STORED_KEY = "caches.open('python-snapshot').then(async (c) => (await c.keys()).map((r) => r.url))"
REPLACE = """async ([key, base64]) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const cache = await caches.open('python-snapshot');
  await cache.put(key, new Response(bytes));
}"""
STORED_BYTES = """async (key) => {
  const response = await (await caches.open('python-snapshot')).match(key);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}"""
# A real snapshot of this very Pyodide, taken before the calculators were installed: restoring it
# works, but the Python it gives cannot answer. Made in Node from the same npm package.
OTHER_SNAPSHOT = """
import { loadPyodide } from "./node_modules/pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ _makeSnapshot: true });
process.stdout.write(Buffer.from(pyodide.makeMemorySnapshot()).toString("base64"));
"""


def first_visit(context, site_url):
    """A page whose first visit booted Python normally and kept a snapshot."""
    page = context.new_page()
    page.errors_seen = []
    page.on("pageerror", lambda error: page.errors_seen.append(str(error)))
    page.goto(f"{site_url}/calculators/trade-off/")
    page.wait_for_selector("[data-calc='trade-off'][data-state='ready']", timeout=BOOT)
    assert page.evaluate(PYTHON) == "boot"
    wait_until(page, KEPT, BOOT)
    return page


@pytest.fixture(scope="module")
def visited(browser, site_url):
    """One new context for the damage tests: each ends with a good snapshot kept again."""
    context = browser.new_context()
    yield first_visit(context, site_url)
    context.close()


def test_a_second_visit_restores_python_and_answers_every_worked_example_the_same(fresh_context, site_url):
    visited = first_visit(fresh_context(), site_url)
    for slug, calc in CALCULATORS.items():
        # each calculator's page restores Python from the snapshot, and that Python answers all of
        # its worked examples (the first through the page's own link, the others by link changes)
        first, *others = calc.examples
        replay_example(visited, site_url, slug, first)
        assert visited.evaluate(PYTHON) == "snapshot", (slug, first.title)
        for example in others:
            replay_by_link(visited, slug, example)
    assert visited.errors_seen == []


def other_pyodide_snapshot() -> bytes:
    """Made once per Pyodide version and kept under build/ (Node takes a while to boot it)."""
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    kept = ROOT / "build" / f"other-pyodide-snapshot-{version}.gz"
    if not kept.exists():
        result = subprocess.run(
            ["node", "--input-type=module", "-e", OTHER_SNAPSHOT], cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
        kept.parent.mkdir(exist_ok=True)
        partial = kept.with_suffix(".part")
        partial.write_bytes(gzip.compress(base64.b64decode(result.stdout), compresslevel=1))
        partial.replace(kept)
    return kept.read_bytes()


@pytest.mark.xdist_group("snapshot-damage")  # one worker, one `visited`
@pytest.mark.parametrize("damage", ["not gzip", "truncated", "another Python"])
def test_a_broken_snapshot_is_replaced_and_python_boots_normally(visited, site_url, damage):
    [key] = visited.evaluate(STORED_KEY)
    stored = base64.b64decode(visited.evaluate(STORED_BYTES, key))
    broken = {
        "not gzip": lambda: b"not a snapshot at all" * 100,
        "truncated": lambda: stored[: len(stored) // 2],
        "another Python": other_pyodide_snapshot,
    }[damage]()
    visited.evaluate(REPLACE, [key, base64.b64encode(broken).decode()])
    calc = CALCULATORS["trade-off"]
    replay_example(visited, site_url, "trade-off", calc.examples[-1])
    assert visited.evaluate(PYTHON) == "boot"
    wait_until(visited, KEPT, BOOT)  # and a good snapshot takes its place
    assert base64.b64decode(visited.evaluate(STORED_BYTES, key)) != broken
    replay_example(visited, site_url, "trade-off", calc.examples[0])
    assert visited.evaluate(PYTHON) == "snapshot"
    assert visited.errors_seen == []
