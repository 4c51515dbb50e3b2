"""MkDocs build hook: the service worker that makes the site work offline after one visit.

After the build (and after pyodide_runtime.py has copied the runtime in), this writes sw.js at the
root of the site from overrides/assets/sp/sw.template.js, filling in
- VERSION: a hash of every file the site serves, so any change makes a new version;
- each file listed with its sha256 (as a Subresource Integrity string): the service worker fetches
  it with that integrity, so a stale file from a CDN edge fails the install (retried later) instead
  of being kept;
- SITE: the reading site, precached on the first visit, pages as their folder URLs ("playbook/",
  not ".../index.html");
- RUNTIME: what Python needs (the worker and pyodide/), cached once the reader opens a calculator
  or a tool, or asks to save everything for offline use.
The service worker caches a version before it takes over, deletes older versions when it does,
and only takes over when the reader accepts the "new version" prompt: no stale mixture.
Must run after pyodide_runtime.py (mkdocs.yml lists it later).

Under `mkdocs serve` (a writer's preview) sw.js instead removes any offline cache and unregisters
itself, so that no cached page hides an edit.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[1] / "assets" / "sp" / "sw.template.js"
# Not precached: the service worker itself, files for crawlers and servers, and the link-preview image
# (for chat apps, never shown offline).
SKIP = {"sw.js", "sitemap.xml", "sitemap.xml.gz", "csp.json", "assets/sp/sw.template.js", "assets/sp/preview.png"}
SKIP_PREFIXES = ("assets/javascripts/lunr/",)  # search stemmers for languages the site is not in
SKIP_SUFFIXES = (".map", ".gz")  # source maps and compressed duplicates
RUNTIME = ("assets/sp/python-worker.mjs", "pyodide/")  # the worker and everything under pyodide/


PREVIEW = """// Written by `mkdocs serve`: no offline cache while editing. Removes any earlier one.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const key of await caches.keys()) await caches.delete(key);
  await self.registration.unregister();
})()));
"""
_serving = False


def on_startup(command, dirty) -> None:
    global _serving
    _serving = command == "serve"


def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    (site / "assets" / "sp" / "sw.template.js").unlink(missing_ok=True)
    if _serving:
        (site / "sw.js").write_text(PREVIEW)
        return
    digest = hashlib.sha256()
    site_files, runtime_files = {}, {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel in SKIP or rel.startswith(SKIP_PREFIXES) or rel.endswith(SKIP_SUFFIXES):
            continue
        data = path.read_bytes()
        digest.update(rel.encode())
        digest.update(data)
        integrity = "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()
        if rel.startswith(RUNTIME):
            runtime_files[rel] = integrity
            continue
        if rel.endswith("index.html"):
            rel = rel[: -len("index.html")] or "./"
        site_files[rel] = integrity
    script = (
        TEMPLATE.read_text()
        .replace('"__VERSION__"', json.dumps(digest.hexdigest()[:16]))
        .replace("{/* __SITE__ */}", json.dumps(site_files, indent=0))
        .replace("{/* __RUNTIME__ */}", json.dumps(runtime_files, indent=0))
    )
    (site / "sw.js").write_text(script)
