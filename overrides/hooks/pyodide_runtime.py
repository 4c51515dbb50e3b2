"""MkDocs build hook: put the self-hosted Python runtime into the built site.

After each build, site/pyodide/ holds
- the Pyodide runtime files from the pinned npm package (node_modules/pyodide), and
- the calculators wheel, built from this checkout, listed with its sha256 in pyodide-lock.json by
  `pyodide lockfile add-wheels`, so Pyodide verifies it before installing it.
The lock file keeps only the calculators package: the site ships no other Python packages.
The wheel is rebuilt only when calculators/ or pyproject.toml change (build/wheel-cache/).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.pyodide_runtime")
ROOT = Path(__file__).resolve().parents[2]
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
CACHE = ROOT / "build" / "wheel-cache"
PACKAGE = "scope-and-pace-calculators"
WHEEL_PLACEHOLDER = "const WHEEL = null; // the build writes the wheel's file name and sha256 here"


def _source_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted([ROOT / "pyproject.toml", *(ROOT / "calculators").rglob("*.py")]):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _run(*args: str) -> None:
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"pyodide_runtime: {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def _wheel_and_lock() -> Path:
    """build/wheel-cache/<hash>/ with the wheel and its pyodide-lock.json."""
    out = CACHE / _source_hash()
    if (out / "pyodide-lock.json").exists():
        return out
    shutil.rmtree(CACHE, ignore_errors=True)
    out.mkdir(parents=True)
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--wheel-dir",
        str(out),
        str(ROOT),
    )
    wheel = next(out.glob("*.whl"))
    upstream = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())
    base = out / "base-lock.json"
    base.write_text(json.dumps({"info": upstream["info"], "packages": {}}))
    pyodide_cli = Path(sys.executable).with_name("pyodide")
    _run(
        str(pyodide_cli),
        "lockfile",
        "add-wheels",
        "--input",
        str(base),
        "--output",
        str(out / "pyodide-lock.json"),
        "--base-path",
        str(out),
        str(wheel),
    )
    base.unlink()
    return out


def on_post_build(config, **kwargs) -> None:
    if not NPM_PYODIDE.is_dir():
        raise SystemExit("pyodide_runtime: node_modules/pyodide is missing; run `make site` (it runs npm ci)")
    target = Path(config["site_dir"]) / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(NPM_PYODIDE / name, target / name)
    built = _wheel_and_lock()
    for path in built.iterdir():
        shutil.copy2(path, target / path.name)
    lock = json.loads((target / "pyodide-lock.json").read_text())
    if PACKAGE not in lock["packages"]:
        raise SystemExit(f"pyodide_runtime: {PACKAGE} is missing from the lock file")
    wheel = {"file": lock["packages"][PACKAGE]["file_name"], "sha256": lock["packages"][PACKAGE]["sha256"]}
    worker = Path(config["site_dir"]) / "assets" / "sp" / "python-worker.mjs"
    text = worker.read_text()
    if WHEEL_PLACEHOLDER not in text:
        raise SystemExit(f"pyodide_runtime: {WHEEL_PLACEHOLDER} is missing from {worker}")
    worker.write_text(text.replace(WHEEL_PLACEHOLDER, f"const WHEEL = {json.dumps(wheel)};"))
    log.info("Pyodide runtime and %s copied to %s", wheel["file"], target)
