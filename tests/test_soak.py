"""A soak test, bounded and on loopback only: two tabs take a few hundred random actions on the
trade-off calculator and the impact log, with the network going off and on, and then every saved
day must be in storage and every result must match its inputs, as Python works them out here."""

from __future__ import annotations

import datetime as dt
import json
import random

from calculators import CALCULATORS
from calculators.framework.html import data_value
from calculators.framework.inputs import UserError
from calculators.framework.numbers import day_text
from support import BOOT, wait_until

ACTIONS = 240
SETTLED = "['ready', 'invalid', 'error'].includes(document.querySelector('[data-calc]')?.dataset.state)"
DATES = "JSON.parse(localStorage.getItem('scope-and-pace:log') || '{\"entries\": []}').entries.map((e) => e.date)"
TRADE = CALCULATORS["trade-off"]
CHECKED = "physician_minutes_per_session"


def open_on(tab, url: str) -> None:
    tab.goto("about:blank")
    tab.goto(url)
    wait_until(tab, SETTLED, BOOT)


def test_two_tabs_a_few_hundred_actions_network_on_and_off(browser, site_url):
    rng = random.Random(20261124)
    context = browser.new_context()
    try:
        tabs = [context.new_page(), context.new_page()]
        errors = []
        for tab in tabs:
            tab.on("pageerror", lambda error: errors.append(str(error)))
        open_on(tabs[0], f"{site_url}/calculators/trade-off/")
        wait_until(tabs[0], "document.documentElement.dataset.spRuntime === 'cached'", BOOT)
        open_on(tabs[1], f"{site_url}/tools/log/")
        where = ["calculator", "log"]
        saved: set[str] = set()
        pool = [(dt.date(2026, 11, 20) - dt.timedelta(days=n)).isoformat() for n in range(60)]
        offline = False
        for _ in range(ACTIONS):
            n = rng.randrange(2)
            tab = tabs[n]
            roll = rng.random()
            if roll < 0.08:
                offline = not offline
                context.set_offline(offline)
            elif roll < 0.16:
                where[n] = "log" if where[n] == "calculator" else "calculator"
                path = "tools/log" if where[n] == "log" else "calculators/trade-off"
                open_on(tab, f"{site_url}/{path}/")
            elif where[n] == "calculator":
                name = rng.choice(["added_minutes", "visit_minutes", "patients_per_session", "delegable_percent"])
                value = rng.choice(["5", "12.5", "30", "1", "0", "abc", "250", str(rng.randint(1, 60))])
                tab.fill(f"#trade-off-{name}", value)
                wait_until(tab, SETTLED, BOOT)
                typed = {i.name: tab.input_value(f"#trade-off-{i.name}") for i in TRADE.inputs}
                try:
                    _, results = TRADE.run(typed, confirmed=())  # as the page: a warning waits for the reader
                except UserError:
                    assert tab.get_attribute("[data-calc]", "data-state") == "invalid", typed
                    continue
                assert tab.get_attribute("[data-calc]", "data-state") == "ready", typed
                assert tab.get_attribute(f"[data-result='{CHECKED}']", "data-value") == data_value(results[CHECKED])
            elif rng.random() < 0.75 or not saved:
                day = rng.choice([d for d in pool if d not in saved] or pool)
                if day in saved:
                    continue
                for field, value in (("date", day), ("start", "08:00"), ("end", "17:30"), ("patients", "12")):
                    tab.fill(f"#log-entry-{field}", value)
                tab.click("text=Save this day")
                wait_until(tab, SETTLED, BOOT)
                if f"Saved the entry for {day_text(day)}" in tab.inner_text("[data-calc-region=notice]"):
                    saved.add(day)
            else:
                day = rng.choice(sorted(saved))
                button = tab.locator(f"[data-entry='{day}'] button", has_text="Delete")
                if button.count():  # the other tab's change may not have reached this one yet
                    button.click()
                    wait_until(tab, SETTLED, BOOT)
                    saved.discard(day)
        context.set_offline(False)
        stored = tabs[1].evaluate(DATES)
        assert sorted(stored) == sorted(saved)
        assert len(saved) > 10  # the run did what it says
        assert errors == []
        assert json.loads(tabs[1].evaluate("localStorage.getItem('scope-and-pace:log')"))["schema"] == 1
    finally:
        context.close()
