"""OPP-115 labelling conventions the rules follow (phrasings written for these tests)."""

import pytest

from differ.tags import tag


@pytest.mark.parametrize("text, category", [
    ("We may disclose your information in response to a subpoena or court order.", "third-party-sharing"),
    ("If we are acquired by or merged with another company, your data goes with the business.", "third-party-sharing"),
    ("Information you post in public forums may be seen by other users.", "third-party-sharing"),
    ("These services have their own privacy policies.", "third-party-sharing"),
    ("We restrict access to personal information to employees who need to know it.", "data-security"),
    ("We take reasonable steps to protect it from loss, misuse and alteration.", "data-security"),
    ("Our service is not directed to individuals under 13 years of age.", "specific-audiences"),
    ("If you no longer wish to receive our newsletter, click the link at its foot.", "user-choice"),
    ("It enables us to provide you with relevant offers.", "first-party-collection"),
])
def test_practice_phrasings_get_their_category(text, category):
    assert category in tag(text).categories


@pytest.mark.parametrize("text", [
    "We respect your privacy.",
    "You have the right to lodge a complaint with a supervisory authority.",
])
def test_introductions_and_complaints_are_other(text):
    assert tag(text).categories == ("other",)


def test_release_is_a_negatable_practice():
    assert tag("We will not release your information to anyone.").negated
