"""mkdocs-macros entry point: build-time only, never shipped to the browser.

Pages call {{ calculator("trade-off") }} to embed a calculator: the form with its defaults and the
result for them, rendered by the same Python the browser runs later.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))   # mkdocs-macros loads this file by path

from calculators import get  # noqa: E402
from calculators.render import widget  # noqa: E402


def define_env(env):
    @env.macro
    def calculator(slug: str) -> str:
        return widget(get(slug))
