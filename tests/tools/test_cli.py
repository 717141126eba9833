import re

import pytest
from click.testing import CliRunner

from generator.cli import main

COMMANDS = [
    "new unit",
    "new question",
    "stats",
    "lint",
    "exam",
    "export gift",
    "export qti",
    "export csv",
    "report",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(command: str):
    result = CliRunner().invoke(main, [*command.split(), "--help"])
    assert result.exit_code == 0
    assert re.search(rf"Example:\n\s+curriculum {command}\b", result.output)


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option_exits_1_without_traceback(command: str):
    result = CliRunner().invoke(main, [*command.split(), "--no-such-option"])
    assert result.exit_code == 1
    assert "No such option" in result.output and "Traceback" not in result.output
