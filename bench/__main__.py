"""Measure, in Debian's Chromium against a local build, with every figure from one run:

1. cold: navigation to data-state=ready on /calculators/trade-off/, beside the bare Pyodide boot
   (a page whose module worker only calls loadPyodide from the same files), and their ratio;
2. warm: the same on a second visit (HTTP cache and service worker filled);
3. input change to new result, median and 95th percentile over 200 changes;
4. main-thread blocking while the runtime boots: the sum of long tasks (over 50 ms);
5. bytes transferred by a playbook page and by a calculator page, on a cold visit;
6. Lighthouse (mobile) scores for the home page, a script page and a calculator page.

Writes a table to stdout and bench/results/latest.json. Usage: make bench [RUNS=5]
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support import CHROMIUM, CHROMIUM_ARGS, build, make_server, start, wait_until  # noqa: E402

RUNS = int(os.environ.get("RUNS", "5"))
LONG_TASKS = """
window.__longTasks = [];
window.__longTasksAfterLoad = () => {
  const loaded = performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd;
  return window.__longTasks.filter(([start]) => start >= loaded).reduce((a, [, d]) => a + d, 0);
};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
"""
LIGHTHOUSE_PAGES = {"home": "/", "script page": "/playbook/scripts/", "calculator": "/calculators/trade-off/"}
CHANGES = 200

BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare Pyodide boot</title>
<script type="module">
const start = performance.now();
const worker = new Worker("./bare-worker.mjs", { type: "module" });
worker.onmessage = () => { window.__booted = performance.now(); document.body.dataset.state = "ready"; };
</script><body>"""
BARE_WORKER = """import { loadPyodide } from "./pyodide/pyodide.mjs";
await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
postMessage("ready");"""


def build_for_bench():
    """Build into build/bench-site for a loopback server, plus the bare-Pyodide comparison page."""
    out = ROOT / "build" / "bench-site"
    shutil.rmtree(out, ignore_errors=True)
    url, server = make_server(out)
    build(out, url + "/").check_returncode()
    (out / "bench-bare.html").write_text(BARE_PAGE)
    (out / "bare-worker.mjs").write_text(BARE_WORKER)
    start(server)
    return url, server


def page_bytes(browser, address: str) -> int:
    """Bytes on the wire for one cold visit until idle: the page and its calculator worker, but not
    the service worker's offline precache, which is reported apart."""
    context = browser.new_context(service_workers="block")
    total = []
    context.on(
        "requestfinished",
        lambda request: total.append(request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]),
    )
    page = context.new_page()
    page.goto(address)
    if page.locator("[data-calc]").count():
        page.wait_for_selector("[data-calc][data-state=ready]", timeout=120_000)
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(total)


def lighthouse(url: str) -> dict:
    """Lighthouse scores (0 to 100) with its mobile defaults, against the local build."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    scores = {}
    for name, path in LIGHTHOUSE_PAGES.items():
        out = ROOT / "build" / f"lighthouse-{name.replace(' ', '-')}.json"
        result = subprocess.run(
            [
                str(binary),
                url + path,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS),
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode:
            scores[name] = {"error": result.stderr.strip().splitlines()[-1] if result.stderr else "failed"}
            continue
        report = json.loads(out.read_text())
        scores[name] = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
    return scores


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    from playwright.sync_api import sync_playwright

    url, server = build_for_bench()
    cold, bare, warm, changes, blocking, blocking_reading, blocking_boot = [], [], [], [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(RUNS):
            # bare boot and calculator, each in a fresh context (empty cache), interleaved
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{url}/bench-bare.html")
            wait_until(page, "window.__booted", 120_000)
            bare.append(page.evaluate("window.__booted"))
            context.close()

            context = browser.new_context()
            context.add_init_script(LONG_TASKS)
            page = context.new_page()
            page.goto(f"{url}/calculators/trade-off/")
            page.wait_for_selector("[data-calc][data-state=ready]", timeout=120_000)
            cold.append(page.evaluate("performance.now()"))
            blocking.append(page.evaluate("window.__longTasks.reduce((a, [, d]) => a + d, 0)"))
            blocking_boot.append(page.evaluate("window.__longTasksAfterLoad()"))
            page.goto(f"{url}/playbook/scope/")  # the same page load, without a calculator
            page.wait_for_load_state("networkidle")
            blocking_reading.append(page.evaluate("window.__longTasks.reduce((a, [, d]) => a + d, 0)"))
            # let the offline precache finish, as it would between two real visits
            wait_until(page, "navigator.serviceWorker.controller !== null", 120_000)
            page.goto(f"{url}/")
            page.goto(f"{url}/calculators/trade-off/")
            page.wait_for_selector("[data-calc][data-state=ready]", timeout=120_000)
            warm.append(page.evaluate("performance.now()"))
            context.close()

        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{url}/calculators/trade-off/")
        page.wait_for_selector("[data-calc][data-state=ready]", timeout=120_000)
        changes = page.evaluate(
            """async (n) => {
            const root = document.querySelector("[data-calc]");
            const input = document.getElementById("trade-off-added_minutes");
            const times = [];
            for (let i = 0; i < n; i++) {
                const t0 = performance.now();
                const done = new Promise((resolve) => {
                    const observer = new MutationObserver(() => {
                        if (root.dataset.state === "ready") { observer.disconnect(); resolve(); }
                    });
                    observer.observe(root, { attributes: true, attributeFilter: ["data-state"] });
                });
                input.value = String(1 + (i % 60));
                input.dispatchEvent(new Event("input", { bubbles: true }));
                await done;
                times.push(performance.now() - t0);
            }
            return times;
        }""",
            CHANGES,
        )
        context.close()
        transfer = {
            name: page_bytes(browser, url + path)
            for name, path in {
                "playbook page": "/playbook/scope/",
                "calculator page": "/calculators/trade-off/",
            }.items()
        }
        precache = (
            sum(
                (ROOT / "build" / "bench-site" / (f + "index.html" if f.endswith("/") else f)).stat().st_size
                for f in json.loads(
                    re.search(r"const FILES = (\[.*?\]);", (ROOT / "build" / "bench-site" / "sw.js").read_text()).group(
                        1
                    )
                )
                if f != "./"
            )
            + (ROOT / "build" / "bench-site" / "index.html").stat().st_size
        )
        browser.close()
    scores = lighthouse(url)
    server.shutdown()

    figures = {
        "runs": RUNS,
        "cold_ready_ms_median": statistics.median(cold),
        "bare_pyodide_boot_ms_median": statistics.median(bare),
        "cold_to_bare_ratio": statistics.median(cold) / statistics.median(bare),
        "warm_ready_ms_median": statistics.median(warm),
        "warm_to_cold_ratio": statistics.median(warm) / statistics.median(cold),
        "input_to_result_ms_median": statistics.median(changes),
        "input_to_result_ms_p95": pct(changes, 0.95),
        "boot_long_tasks_ms_median": statistics.median(blocking_boot),
        "page_long_tasks_ms_median": statistics.median(blocking),
        "reading_page_long_tasks_ms_median": statistics.median(blocking_reading),
        "bytes_playbook_page": transfer["playbook page"],
        "bytes_calculator_page": transfer["calculator page"],
        "bytes_offline_precache": precache,
        "lighthouse": scores,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "when": time.strftime("%Y-%m-%d %H:%M"),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(figures, indent=2) + "\n")
    rows = [
        ("Cold: navigation to data-state=ready, /calculators/trade-off/", f"{figures['cold_ready_ms_median']:.0f} ms"),
        (
            "Bare Pyodide boot (worker calling loadPyodide), same run",
            f"{figures['bare_pyodide_boot_ms_median']:.0f} ms",
        ),
        ("Ratio cold / bare (target 1.10 or lower)", f"{figures['cold_to_bare_ratio']:.2f}"),
        ("Warm (second visit, from the offline cache)", f"{figures['warm_ready_ms_median']:.0f} ms"),
        ("Ratio warm / cold (target 0.50 or lower)", f"{figures['warm_to_cold_ratio']:.2f}"),
        (f"Input change to new result, median of {CHANGES}", f"{figures['input_to_result_ms_median']:.1f} ms"),
        ("Input change to new result, 95th percentile", f"{figures['input_to_result_ms_p95']:.1f} ms"),
        (
            "Main-thread long tasks while Python boots, after DOMContentLoaded (target under 50 ms)",
            f"{figures['boot_long_tasks_ms_median']:.0f} ms",
        ),
        (
            "Main-thread long tasks, calculator page, navigation to ready",
            f"{figures['page_long_tasks_ms_median']:.0f} ms",
        ),
        (
            "Main-thread long tasks, a reading page's load, for comparison",
            f"{figures['reading_page_long_tasks_ms_median']:.0f} ms",
        ),
        ("Bytes transferred, playbook page (cold)", f"{figures['bytes_playbook_page'] / 1024:.0f} KiB"),
        (
            "Bytes transferred, calculator page (cold, Python included)",
            f"{figures['bytes_calculator_page'] / 1024:.0f} KiB",
        ),
        (
            "Offline precache, fetched once in the background after load",
            f"{figures['bytes_offline_precache'] / 1024:.0f} KiB",
        ),
    ]
    for name, categories in scores.items():
        rows.append(
            (
                f"Lighthouse mobile, {name}: perf / a11y / best practices / SEO",
                " / ".join(
                    str(categories.get(k, "-")) for k in ("performance", "accessibility", "best-practices", "seo")
                ),
            )
        )
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure'.ljust(width)} | value  (median of {RUNS} runs)")
    print("-" * width + "-|-" + "-" * 12)
    for name, val in rows:
        print(f"{name.ljust(width)} | {val}")
    print(f"\n{figures['machine']}; written to bench/results/latest.json")


if __name__ == "__main__":
    main()
