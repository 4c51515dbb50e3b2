"""The working loop: two builds of one commit are the same bytes, `make serve` previews with live
reload, a new calculator needs only its module, its page and its nav line, and a clone without the
source documents beside it still passes."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from main import build_date
from support import BOOT, ROOT, build, serve

THROWAWAY = '''"""A calculator the tests make up: the sum of two numbers."""

from ..framework.calculator import Calculator, Example
from ..framework.html import figures, num
from ..framework.inputs import Number

INPUTS = (
    Number("a", "First number", "", "Any number up to 100.", "2", 0, 100),
    Number("b", "Second number", "", "Any number up to 100.", "3", 0, 100),
)


def calculate(v):
    return {"total": v["a"] + v["b"]}


def render(v, r):
    return figures([("Total", num("total", r["total"]))])


def announce(v, r):
    return f"Result updated: {r['total']}."


EXAMPLES = (
    Example("Two and three", {}, {"total": 5}),
    Example("Ten and twenty", {"a": "10", "b": "20"}, {"total": 30}),
)

COMPONENT = Calculator(slug="throwaway", title="Throwaway calculator", inputs=INPUTS, calculate=calculate,
                       render=render, announce=announce, examples=EXAMPLES)
'''


def copy_checkout(where: Path) -> Path:
    """This checkout's files (what git tracks, and new files it does not ignore) copied into
    `where`/main, with node_modules linked; nothing else beside it (no ../shared)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    copy = where / "main"
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A copy of the checkout with a throwaway calculator added the documented way: its module, its
    page and its nav line, and no other file touched."""
    copy = copy_checkout(tmp_path_factory.mktemp("clone"))
    (copy / "calculators" / "components" / "throwaway.py").write_text(THROWAWAY)
    (copy / "docs" / "calculators" / "throwaway.md").write_text(
        '---\ndescription: A calculator the tests make up, to show that a new one needs nothing more.\n---\n\n# Throwaway\n\n{{ component("throwaway") }}\n'
    )
    config = (copy / "mkdocs.yml").read_text()
    line = "      - Hourly rate: calculators/hourly-rate.md\n"
    assert line in config
    (copy / "mkdocs.yml").write_text(config.replace(line, line + "      - Throwaway: calculators/throwaway.md\n"))
    return copy


def pytest_in(copy: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "-rs", *args],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_two_builds_of_the_same_commit_are_the_same_bytes(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        result = build(out, "https://example.org/scope-and-pace/")
        assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
    # Dated by the last commit, not by the clock: a rebuild tomorrow changes nothing either.
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", (first / "sitemap.xml").read_text())) == {
        build_date().isoformat()
    }


def test_a_new_calculator_runs_its_worked_examples_with_no_other_file_touched(clone):
    result = pytest_in(
        clone, "tests/test_calculators.py", "tests/test_fuzz.py", "-m", "not browser", "-k", "throwaway", "-v"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for test in (
        "test_worked_examples[throwaway: Two and three]",
        "test_worked_examples[throwaway: Ten and twenty]",
        "test_parse_and_calculate_raise_only_calc_errors[throwaway]",
    ):
        assert re.search(re.escape(test) + r" PASSED", result.stdout), test


def test_a_new_calculator_is_on_its_page_and_computes_in_the_browser(clone, browser, tmp_path):
    out = tmp_path / "site"
    url, server = serve(out)
    try:
        result = build(out, url + "/", root=clone)
        assert result.returncode == 0, result.stdout + result.stderr
        html = (out / "calculators" / "throwaway" / "index.html").read_text()
        assert 'data-calc="throwaway"' in html and 'data-result="total" data-value="5"' in html
        page = browser.new_page()
        page.goto(f"{url}/calculators/throwaway/#v=1&a=10&b=20")
        root = page.locator("[data-calc='throwaway']")
        expect(root).to_have_attribute("data-state", "ready", timeout=BOOT)
        expect(root.locator("[data-result='total']")).to_have_attribute("data-value", "30")
        page.fill("#throwaway-a", "7")
        expect(root.locator("[data-result='total']")).to_have_attribute("data-value", "27", timeout=BOOT)
        page.close()
    finally:
        server.shutdown()


def test_a_clone_without_the_source_documents_skips_only_the_copy_check_and_says_why(clone):
    assert not (clone.parent / "shared").exists()
    result = pytest_in(clone, "tests/test_playbook.py", "-m", "not browser")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "1 skipped" in result.stdout and "the source documents (../shared) are not beside this clone" in result.stdout
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_make_serve_previews_at_the_root_with_live_reload_and_no_offline_cache(clone, browser):
    port = free_port()
    address = f"http://127.0.0.1:{port}/"
    mkdocs = Path(sys.executable).with_name("mkdocs")
    server = subprocess.Popen(
        [str(mkdocs), "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=clone,
        env={**os.environ, "SITE_URL": address},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(address + "playbook/") as response:
                    assert response.status == 200
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "mkdocs serve did not start"
                time.sleep(0.5)
        with urllib.request.urlopen(address + "sw.js") as response:
            assert "unregister" in response.read().decode()  # the preview's sw.js removes any cache
        page = browser.new_page()
        violations = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(address + "playbook/")
        expect(page.locator("h1")).to_be_visible()
        page.wait_for_timeout(1000)  # the reload script connects
        index = clone / "docs" / "playbook" / "index.md"
        index.write_text(index.read_text() + "\n\nAn edit made while previewing.\n")
        expect(page.locator("article")).to_contain_text("An edit made while previewing.", timeout=120_000)
        assert violations == []
        page.close()
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0]
    assert not re.search(r"^(?:WARNING|ERROR)\s+-", log, re.M), log
