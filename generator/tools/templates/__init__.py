"""Templates of the trainer tools: paper exams, answer sheets, class reports, scaffolds."""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator import templating

HERE = Path(__file__).parent


def template_env() -> jinja2.Environment:
    return templating.environment(HERE)
