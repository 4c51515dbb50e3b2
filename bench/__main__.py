"""Measure the site as a visitor gets it, in Debian's Chromium against a local build, every figure
from one run:

- a server that compresses (gzip) and caches (max-age=600, Last-Modified) as GitHub Pages does;
- persistent browser profiles, so that visits 2 and 3 have the HTTP cache, the wasm code cache and
  the Python snapshot a returning reader has (an incognito context has none of them);
- the unit: the bare Pyodide boot (a page whose module worker only calls loadPyodide from the same
  files), in the same kind of profile and the same run;
- three profiles: desktop; the same with the CPU slowed 4x; a phone (CPU slowed 4x and a "slow 4G"
  network, 150 ms and 1.6 Mbit/s), through the DevTools protocol;
- every file compressed before the first visit (a host's compression is never timed), and the order
  of the bare boot and the calculator alternating from run to run, so neither gets the other's warm-up.

Reports: visits 1 to 3 to /calculators/trade-off/ (navigation to data-state=ready) and their ratios
to the bare boot; input change to new result; main-thread long tasks; bytes a reading page and its
offline precache cost; Lighthouse (mobile) against the compressing server. Writes a table to stdout
and bench/results/latest.json, and a dated copy to commit (bench/results/YYYY-MM-DD.json), with how
busy the machine was (load average before and after). Usage:
make bench [RUNS=5] [PHONE_RUNS=3] [PROFILES=desktop,cpu4x,phone] [LIGHTHOUSE=1]
(fewer profiles or LIGHTHOUSE=0 for a quick look; the README quotes a full run). A boot on these
shared machines varies by a tenth from one visit to the next, so the ratios are medians of several
runs, each run a bare boot and a first visit side by side; both the ratio of the medians and the
median of the paired ratios are reported. A visit that has not finished after VISIT_LIMIT seconds
(300) has its browser ended and its run is done again, at most twice; `kill -USR1` on the bench
prints where it is waiting.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import faulthandler
import functools
import gzip
import io
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from support import CHROMIUM, CHROMIUM_ARGS, Handler, Server, build, start, wait_until  # noqa: E402

RUNS = int(os.environ.get("RUNS", "5"))
PHONE_RUNS = int(os.environ.get("PHONE_RUNS", "3"))  # a phone visit takes about 40 s over "slow 4G"
VISIT_LIMIT = float(os.environ.get("VISIT_LIMIT", "300"))  # seconds; a phone visit is about 45
PROFILES = os.environ.get("PROFILES", "desktop,cpu4x,phone").split(",")
CHANGES = 200
CALCULATOR = "/calculators/trade-off/"
READING = "/playbook/scope/"
LIGHTHOUSE_PAGES = {"home": "/", "script page": "/playbook/scripts/", "calculator": CALCULATOR}
PHONE = {"cpu": 4, "latency": 150, "down": 1.6e6 / 8, "up": 750e3 / 8}  # Lighthouse's "slow 4G"
NAMES = {"desktop": "desktop", "cpu4x": "desktop, CPU slowed 4x", "phone": "phone (4x CPU, slow 4G)"}
INCOMPRESSIBLE = (".png", ".zip", ".whl", ".gz")

# Set in every page: when the first component (or the bare page) reaches data-state=ready, and the
# main thread's long tasks.
WATCH = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
window.__longTasksAfterLoad = () => {
  const loaded = performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd;
  return window.__longTasks.filter(([start]) => start >= loaded).reduce((a, [, d]) => a + d, 0);
};
new MutationObserver(() => {
  const root = document.querySelector("[data-calc], body[data-state]");
  if (root && root.dataset.state === "ready" && !window.__ready) window.__ready = performance.now();
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
"""
BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare Pyodide boot</title>
<script type="module">
const worker = new Worker("./bare-worker.mjs", { type: "module" });
worker.onmessage = () => { document.body.dataset.state = "ready"; };
</script><body>"""
BARE_WORKER = """import { loadPyodide } from "./pyodide/pyodide.mjs";
await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
postMessage("ready");"""


class HostLikeHandler(Handler):
    """Static files as a real host sends them: gzip for everything compressible, a ten-minute
    max-age with Last-Modified, and 304 for an unchanged file."""

    compressed: dict[tuple[str, float], bytes] = {}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or path.suffix in INCOMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        stamp = path.stat().st_mtime
        modified = email.utils.formatdate(stamp, usegmt=True)
        if self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)
            self.end_headers()
            return None
        key = (str(path), stamp)
        if key not in self.compressed:
            self.compressed[key] = gzip.compress(path.read_bytes(), compresslevel=6)
        body = self.compressed[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", modified)
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    @classmethod
    def compress_all(cls, folder: Path) -> None:
        """Compress every file before any visit, as a host has it ready: the first visit to ask for
        a file never waits for its compression."""
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix not in INCOMPRESSIBLE:
                cls.compressed[(str(path), path.stat().st_mtime)] = gzip.compress(path.read_bytes(), compresslevel=6)


def build_for_bench():
    """Build into build/bench-site for the compressing server, plus the bare-Pyodide page."""
    out = ROOT / "build" / "bench-site"
    shutil.rmtree(out, ignore_errors=True)
    server = Server(("127.0.0.1", 0), functools.partial(HostLikeHandler, directory=str(out)))
    url = f"http://127.0.0.1:{server.server_address[1]}"
    build(out, url + "/").check_returncode()
    (out / "bench-bare.html").write_text(BARE_PAGE)
    (out / "bare-worker.mjs").write_text(BARE_WORKER)
    HostLikeHandler.compress_all(out)
    start(server)
    return url, server, out


def visit(playwright, profile: Path, address: str, kind: str, extra=None) -> dict:
    """One visit in the persistent profile: a browser started on it, one page loaded to ready. A
    browser still busy with it after VISIT_LIMIT seconds is ended (its visit then raises)."""
    watchdog = threading.Timer(VISIT_LIMIT, subprocess.run, [["pkill", "-f", "--", f"user-data-dir={profile}"]])
    watchdog.start()
    began = time.monotonic()
    try:
        return _visit(playwright, profile, address, kind, extra)
    finally:
        watchdog.cancel()
        print(
            f"  {time.strftime('%H:%M:%S')} {kind} {address.split('/', 3)[-1]} in {profile.name}: "
            f"{time.monotonic() - began:.1f} s",
            file=sys.stderr,
            flush=True,
        )


def _visit(playwright, profile: Path, address: str, kind: str, extra=None) -> dict:
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": 390, "height": 844} if kind == "phone" else {"width": 1280, "height": 900},
    )
    try:
        context.add_init_script(WATCH)
        page = context.pages[0] if context.pages else context.new_page()
        if kind != "desktop":
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE["cpu"]})
        if kind == "phone":
            cdp.send("Network.enable")
            cdp.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": False,
                    "latency": PHONE["latency"],
                    "downloadThroughput": PHONE["down"],
                    "uploadThroughput": PHONE["up"],
                },
            )
        page.goto(address)
        wait_until(page, "window.__ready", 600_000)
        figures = {
            "ready": page.evaluate("window.__ready"),
            "long_tasks": page.evaluate("window.__longTasksAfterLoad()"),
            "python": page.evaluate("document.documentElement.dataset.spPython || ''"),
        }
        if extra:
            figures.update(extra(page))
        return figures
    finally:
        context.close()


def settle_for_next_visit(page) -> dict:
    """What happens after a first visit before the next: the snapshot is kept and the offline
    cache holds the runtime."""
    wait_until(page, "document.documentElement.dataset.spSnapshot === 'kept'", 600_000)
    wait_until(page, "document.documentElement.dataset.spRuntime === 'cached'", 600_000)
    return {}


def timed_changes(page, field: str, count: int, cycle: int) -> list[float]:
    """Change a field `count` times (to 1, 2, ... `cycle`, 1, ...): the time from each change to the
    component's answer (data-state no longer "loading"), in ms. Every answer must be a result
    ("ready"): a value that asks for confirmation or is refused would time something else."""
    times, states = page.evaluate(
        """async ([field, n, cycle]) => {
        const root = document.querySelector("[data-calc]");
        const input = document.getElementById(field);
        const times = [], states = [];
        for (let i = 0; i < n; i++) {
            const t0 = performance.now();
            const done = new Promise((resolve) => {
                const observer = new MutationObserver(() => {
                    if (root.dataset.state !== "loading") { observer.disconnect(); resolve(); }
                });
                observer.observe(root, { attributes: true, attributeFilter: ["data-state"] });
            });
            input.value = String(1 + (i % cycle));
            input.dispatchEvent(new Event("input", { bubbles: true }));
            await done;
            times.push(performance.now() - t0);
            states.push(root.dataset.state);
        }
        return [times, states];
    }""",
        [field, count, cycle],
    )
    if set(states) != {"ready"}:
        raise RuntimeError(f"{field}: answers other than results while timing: {sorted(set(states))}")
    return times


def input_changes(page) -> dict:
    """Typing in a calculator once the visit has settled (the snapshot maker, a second Python, has
    finished): 1 to 30 added minutes, all of them plausible with the defaults (41 would make a week
    of more than 80 hours, which asks the reader to confirm)."""
    settle_for_next_visit(page)
    return {"changes": timed_changes(page, "trade-off-added_minutes", CHANGES, 30)}


BID_CHANGES = 10


def large_bid() -> str:
    """The shift-bid link for 200 staff bidding for 500 shifts (a deflated fragment)."""
    import random

    from calculators import CALCULATORS

    rng = random.Random(200500)
    shifts = ";".join(
        f"S{i},{dt.date(2027, 1, 1) + dt.timedelta(days=i // 6)} {['07:00-19:00', '19:00-07:00', '07:00-15:00'][i % 3]},"
        f"{rng.randint(1, 3)},{'yes' if i % 7 == 0 else 'no'}"
        for i in range(500)
    )
    staff = ";".join(
        f"P{i},{rng.randint(0, 30)}," + " ".join(f"S{rng.randrange(500)}" for _ in range(15)) for i in range(200)
    )
    calc = CALCULATORS["shift-bid"]
    return calc.to_fragment(calc.completed({"staff": staff, "shifts": shifts, "shifts_each": "6", "window_size": "20"}))


def bid_changes(page) -> dict:
    """Allocate the large bid again for a changed prime-shift cap."""
    return {"changes": timed_changes(page, "shift-bid-prime_cap", BID_CHANGES, 4)}


def reading_page_bytes(playwright, url: str) -> dict:
    """A first visit to a reading page, in a new profile, until the offline cache is complete:
    compressed bytes of the page's own requests, whether any Pyodide file was fetched, and the
    compressed size of the reading-site precache (what the service worker adds)."""
    with tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        seen, total = [], []

        def finished(request):
            seen.append(request.url)  # every request, the service worker's too (no Pyodide file may be one)
            if request.service_worker is None:  # the page's own; the precache is counted below, from the files
                total.append(request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"])

        context.on("requestfinished", finished)
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(url + READING)
        wait_until(page, "navigator.serviceWorker.controller !== null", 120_000)
        page.wait_for_load_state("networkidle")
        context.close()
    sw = (ROOT / "build" / "bench-site" / "sw.js").read_text()
    site = json.loads(re.search(r"const SITE = ({.*?});", sw, re.S).group(1))
    precache = 0
    for name in site:
        path = ROOT / "build" / "bench-site" / (name + "index.html" if name.endswith("/") else name)
        if name == "./":
            path = ROOT / "build" / "bench-site" / "index.html"
        data = path.read_bytes()
        precache += len(data) if path.suffix in INCOMPRESSIBLE else len(gzip.compress(data, compresslevel=6))
    return {"page": sum(total), "pyodide_requests": sum("/pyodide/" in u for u in seen), "precache": precache}


def lighthouse(url: str) -> dict:
    """Lighthouse scores (0 to 100) with its mobile defaults, against the compressing server."""
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


def profile_runs(playwright, url: str, kind: str) -> dict:
    """RUNS times (PHONE_RUNS for the phone): a bare boot in a new profile and again in it; visits 1,
    2 and 3 to the calculator in another new profile (the browser restarted between visits). Odd
    runs start with the calculator, even runs with the bare boot. A run with a visit that did not
    finish is done again (at most twice in all)."""
    bare_cold, bare_warm, first, second, third, boot_tasks, kinds, paired = [], [], [], [], [], [], [], []
    runs = PHONE_RUNS if kind == "phone" else RUNS
    run, abandoned = 0, 0
    while len(first) < runs:
        with tempfile.TemporaryDirectory() as bare_profile, tempfile.TemporaryDirectory() as profile:

            def bare():
                cold = visit(playwright, Path(bare_profile), f"{url}/bench-bare.html", kind)["ready"]
                return cold, visit(playwright, Path(bare_profile), f"{url}/bench-bare.html", kind)["ready"]

            try:
                if run % 2 == 0:
                    cold, warm = bare()
                one = visit(playwright, Path(profile), url + CALCULATOR, kind, settle_for_next_visit)
                two = visit(playwright, Path(profile), url + CALCULATOR, kind)
                three = visit(playwright, Path(profile), url + CALCULATOR, kind)
                if run % 2 == 1:
                    cold, warm = bare()
            except Exception as error:  # a browser ended by the watchdog, or one that failed
                abandoned += 1
                print(f"{NAMES[kind]}: run {run + 1} not finished, done again ({str(error).splitlines()[0]})")
                if abandoned > 2:
                    raise
                continue
            finally:
                run += 1
            bare_cold.append(cold)
            bare_warm.append(warm)
            first.append(one["ready"])
            second.append(two["ready"])
            third.append(three["ready"])
            paired.append(one["ready"] / cold)
            boot_tasks.append(one["long_tasks"])
            kinds.append(f"{one['python']}/{two['python']}/{three['python']}")
    unit = statistics.median(bare_cold)
    return {
        "runs": runs,
        "runs_done_again": abandoned,
        "bare_cold_ms": unit,
        "bare_warm_ms": statistics.median(bare_warm),
        "visit_1_ms": statistics.median(first),
        "visit_2_ms": statistics.median(second),
        "visit_3_ms": statistics.median(third),
        "cold_to_bare": statistics.median(first) / unit,
        "cold_to_bare_paired": statistics.median(paired),
        "cold_to_bare_each_run": paired,
        "warm_to_bare": statistics.median(second + third) / unit,
        "warm_to_bare_warm": statistics.median(second + third) / statistics.median(bare_warm),
        "boot_long_tasks_ms": statistics.median(boot_tasks),
        "python_started_from": sorted(set(kinds)),
    }


def main() -> None:
    from playwright.sync_api import sync_playwright

    faulthandler.register(signal.SIGUSR1, all_threads=True)
    url, server, _ = build_for_bench()
    load_before = os.getloadavg()
    with sync_playwright() as playwright:
        profiles = {kind: profile_runs(playwright, url, kind) for kind in NAMES if kind in PROFILES}
        with tempfile.TemporaryDirectory() as profile:
            changes = visit(playwright, Path(profile), url + CALCULATOR, "desktop", input_changes)["changes"]
            bid = visit(
                playwright, Path(profile), f"{url}/calculators/shift-bid/#{large_bid()}", "desktop", bid_changes
            )
        reading = reading_page_bytes(playwright, url)
    scores = lighthouse(url) if os.environ.get("LIGHTHOUSE", "1") != "0" else {}
    server.shutdown()

    figures = {
        "runs": {"desktop and cpu4x": RUNS, "phone": PHONE_RUNS},
        **{kind: profiles.get(kind) for kind in NAMES},
        "input_to_result_ms_median": statistics.median(changes),
        "input_to_result_ms_p95": pct(changes, 0.95),
        "shift_bid_200_staff_500_shifts_ms_median": statistics.median(bid["changes"]),
        "shift_bid_200_staff_500_shifts_ms_max": max(bid["changes"]),
        "reading_page": reading,
        "lighthouse": scores,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "load_average_1_5_15_min_before_and_after": [load_before, os.getloadavg()],
        "when": time.strftime("%Y-%m-%d %H:%M"),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    record = json.dumps(figures, indent=2) + "\n"
    (out / "latest.json").write_text(record)
    (out / f"{time.strftime('%Y-%m-%d')}.json").write_text(record)  # committed: the figures with their date
    rows = []
    for kind, p in profiles.items():
        name = NAMES[kind]
        rows += [
            (f"{name}: bare Pyodide boot, new profile (the unit)", f"{p['bare_cold_ms']:.0f} ms"),
            (f"{name}: bare Pyodide boot, second visit", f"{p['bare_warm_ms']:.0f} ms"),
            (f"{name}: calculator ready, visit 1 (new profile)", f"{p['visit_1_ms']:.0f} ms"),
            (f"{name}: calculator ready, visits 2 and 3", f"{p['visit_2_ms']:.0f} / {p['visit_3_ms']:.0f} ms"),
            (f"{name}: ratio visit 1 / bare (target 1.05 or lower)", f"{p['cold_to_bare']:.2f}"),
            (
                f"{name}: the same, median of each run's ratio (runs: {p['runs']})",
                f"{p['cold_to_bare_paired']:.2f} (" + ", ".join(f"{r:.2f}" for r in p["cold_to_bare_each_run"]) + ")",
            ),
            (f"{name}: ratio visits 2-3 / bare (target 0.40 or lower)", f"{p['warm_to_bare']:.2f}"),
            (f"{name}: ratio visits 2-3 / bare second visit", f"{p['warm_to_bare_warm']:.2f}"),
            (f"{name}: Python started from (visit 1/2/3)", ", ".join(p["python_started_from"])),
            (f"{name}: main-thread long tasks after DOMContentLoaded, visit 1", f"{p['boot_long_tasks_ms']:.0f} ms"),
        ]
    rows += [
        (
            f"Input change to new result, median of {CHANGES} (target under 20 ms)",
            f"{figures['input_to_result_ms_median']:.1f} ms",
        ),
        ("Input change to new result, 95th percentile", f"{figures['input_to_result_ms_p95']:.1f} ms"),
        (
            f"Shift bid, 200 staff and 500 shifts: rule change to allocation shown, median of {BID_CHANGES} "
            "(target well under 1000 ms)",
            f"{figures['shift_bid_200_staff_500_shifts_ms_median']:.0f} ms "
            f"(slowest {figures['shift_bid_200_staff_500_shifts_ms_max']:.0f} ms)",
        ),
        ("Reading page, first visit: the page's own bytes (compressed)", f"{reading['page'] / 1024:.0f} KiB"),
        ("Reading page, first visit: offline precache (compressed)", f"{reading['precache'] / 1024:.0f} KiB"),
        (
            "Reading page, first visit: all (target under 1024 KiB)",
            f"{(reading['page'] + reading['precache']) / 1024:.0f} KiB",
        ),
        ("Reading page, first visit: Pyodide files fetched (target 0)", str(reading["pyodide_requests"])),
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
    print(f"\n{'measure'.ljust(width)} | value  (medians: {RUNS} runs, {PHONE_RUNS} on the phone)")
    print("-" * width + "-|-" + "-" * 14)
    for name, val in rows:
        print(f"{name.ljust(width)} | {val}")
    busy = ", ".join(
        " / ".join(f"{x:.1f}" for x in load) for load in figures["load_average_1_5_15_min_before_and_after"]
    )
    print(f"\n{figures['machine']}; load average (1/5/15 min) before and after: {busy}")
    print(f"Written to bench/results/latest.json and bench/results/{time.strftime('%Y-%m-%d')}.json")


if __name__ == "__main__":
    main()
