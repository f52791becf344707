"""Two-word edits that turn a clause into its opposite are never minor: a contraction's "n't"
added or dropped, and "opt in" against "opt out". Nearby edits of the same size stay minor."""

import pytest

import differ


def significance(old: str, new: str) -> str:
    (change,) = differ.compare(f"# Choices\n\n{old}", f"# Choices\n\n{new}").changes
    return change.significance


@pytest.mark.parametrize("old, new", [
    ("You can opt out at any time.", "You can't opt in at any time."),
    ("You can opt out at any time.", "You can opt in at any time."),
    ("You may opt-in to partner offers.", "You may opt-out to partner offers."),
    ("We do share it with partners.", "We don't share it with partners."),
    ("We won’t keep it after you leave.", "We will keep it after you leave."),
    ("You can choose to opt out of e-mails.", "You can choose to opt into e-mails."),
])
def test_an_edit_that_reverses_the_clause_is_substantive(old, new):
    assert significance(old, new) == "substantive"


@pytest.mark.parametrize("old, new", [
    ("We show ads in our app.", "We show ads on our app."),
    ("Write to us by post.", "Write to us by mail."),
    ("You can find out more in our help centre.", "You can find out more in our help center."),
])
def test_small_edits_elsewhere_stay_minor(old, new):
    assert significance(old, new) == "minor"
