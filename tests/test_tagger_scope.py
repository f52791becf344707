"""A clause that only says what the policy does not cover is `other` (scope), however it is
capitalised and whichever apostrophe it uses."""

import pytest

from differ import tag


@pytest.mark.parametrize("clause", [
    "This policy does not apply to information you give us by phone.",
    "This Policy Does Not Apply To Information You Give Us By Phone.",
    "This policy doesn’t apply to information you give us by phone.",
    "This policy doesn't apply to information you give us by phone.",
])
def test_a_scope_statement_is_other_only(clause):
    assert list(tag(clause).categories) == ["other"]
