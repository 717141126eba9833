import re

import pytest
from cli_runner import invoke

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
    result = invoke(*command.split(), "--help")
    assert result.exit_code == 0
    assert re.search(rf"示例：\n\s+curriculum {command}\b", result.output)


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option_exits_1_with_the_usage(command: str):
    result = invoke(*command.split(), "--no-such-option")
    assert result.exit_code == 1
    assert "出错了：没有 --no-such-option 这个选项" in result.output
    assert f"用法：curriculum {command}" in result.output
