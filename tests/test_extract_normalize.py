"""`normalize` collapses each run of spaces and tabs that follows a non-space into one space,
keeps a line's indentation (nested list items), drops trailing spaces and blank-line runs."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.extract import normalize


def reference(markdown: str) -> str:
    """`normalize` written the slow, obvious way: line by line."""
    text = normalize_newlines(markdown)
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"(?<=\S)[ \t]+", " ", line).rstrip() for line in block.split("\n")]
        lines = [line for line in lines if line.strip()]
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def test_runs_of_spaces_and_tabs_become_one_space_and_indentation_stays():
    markdown = "We  keep\t\tyour data \t for  a year.   \n\n  - nested  item\n\n\n\nEnd"
    assert normalize(markdown) == "We keep your data for a year.\n\n  - nested item\n\nEnd"


@settings(max_examples=400)
@given(st.text(alphabet=" \t\nab-", max_size=60))
def test_normalize_equals_the_line_by_line_reading(markdown):
    assert normalize(markdown) == reference(markdown)
