"""Tagger round 8: how real rights and choices sections word user access (data edited "directly
in the app", rights listed item by item, requests and their appeal, the right to know what was
sold "about you"), objection and refused cookies as choices, storage "up to" a number of days,
and what stays `other` (a cookie's definition, a pointer to another document); two false
sharings fixed ("share capital", "provide the Services to you"). Clauses written for these
tests, not quoted from any policy."""

import pytest

from differ.tags import tag


def cats(text):
    return set(tag(text).categories)


@pytest.mark.parametrize("text", [
    "Your nickname can be modified directly in the app.",
    "These answers may be corrected by you in the profile screen.",
    "Write to our support team to change your first name or birth date.",
    "• to access your personal data as provided by Article 15;",
    "(b) to rectify (complete, update) your information where it is wrong;",
    "Send a Consumer Rights Request from the help page.",
    "We will answer within 45 days and tell you how to lodge an appeal.",
    "We will confirm your identity before we act on what you asked.",
    "The categories of data we have sold, if any, about you in the past year.",
])
def test_access_edit_and_rights_requests_are_user_access(text):
    assert "user-access" in cats(text)


@pytest.mark.parametrize("text", [
    "You are entitled at any time to object to the processing of your data for marketing.",
    "Where we rely on our interests, you have the right in principle to object.",
    "Deleting or blocking cookies can stop some pages from working.",
])
def test_objection_and_refused_cookies_are_user_choice(text):
    assert "user-choice" in cats(text)


def test_storage_up_to_a_number_of_days_is_retention():
    assert "data-retention" in cats("voice notes, which are kept up to 30 days after sending;")


@pytest.mark.parametrize("text", [
    "A cookie is a small text file that a website places in your browser.",
    "To learn more, please read our separate page on advertising.",
])
def test_definitions_and_pointers_stay_other(text):
    assert cats(text) == {"other"}


@pytest.mark.parametrize("text", [
    "Example Ltd, a company with a share capital of EUR 10,000 registered in Paris.",
    "The information we gather helps us provide the Services to you and keep them running.",
])
def test_share_capital_and_services_provided_to_you_are_not_sharing(text):
    assert "third-party-sharing" not in cats(text)


@pytest.mark.parametrize("text, absent", [
    # Not the user editing data: the policy itself changing, a purpose list item.
    ("This Privacy Policy may be updated directly by us at any time.", "user-access"),
    ("to process your data to match you with other members;", "user-access"),
    # Not a choice about cookies: which cookies a site sets.
    ("We set analytics cookies to count visits.", "user-choice"),
    # An appeal to a wider audience is not an appeal of a request.
    ("Our new features appeal to a wider audience of daters.", "user-access"),
])
def test_near_misses_keep_their_category_out(text, absent):
    assert absent not in cats(text)


def test_refused_cookies_denied_keeps_negation_right():
    t = tag("We do not sell your data; deleting cookies will not stop the ads.")
    assert t.negated and "user-choice" in t.categories
