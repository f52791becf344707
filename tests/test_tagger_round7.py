"""Tagger round 7: how real policies name recipients and hand-overs without "share" or
"disclose" (providers named by what they do, sub-contractors, recipients and "the following"
companies, data transmitted or provided to partners, what other users see, a third party's own
privacy policy, SDKs); consent as a condition and objection as a choice; asserting rights.
Clauses written for these tests, not quoted from any policy."""

import pytest

from differ.tags import tag


def cats(text):
    return set(tag(text).categories)


@pytest.mark.parametrize("text", [
    "Our hosting provider stores the database in Frankfurt.",
    "Email delivery is handled by a cloud storage company on request of our support team.",
    "Payment processors handle your card number when you buy a subscription.",
    "Our app sub-contractors may read support tickets to answer them.",
    "The categories of recipients are listed in the annex.",
    "We pass data to the following service providers:",
    "technical suppliers who keep the servers running",
    "Payment and telecommunications companies - to bill premium features | card number",
    "In such a case your profile data may be provided to partner networks to measure a campaign.",
    "At the request of judicial authorities, the operator may transmit the personal data of its users.",
    "Members can share photos with other members in a chat.",
    "Your city is displayed to other users on your profile card.",
    "Items marked as 'public' in the list below can be seen by anyone.",
    "Once you log in with it, your data is governed by the privacy policy of that social network.",
    "We rely on several third party analytics tools to count visits.",
    "You can read the policies of the advertisers we work with on their sites.",
    "Ad reach is measured by an SDK supplied by Google.",
    "This information may be used by those companies to show you ads.",
])
def test_recipients_and_hand_overs_named_in_other_words_are_sharing(text):
    assert "third-party-sharing" in cats(text)


@pytest.mark.parametrize("text", [
    "When you connect your profile, you let the social network share with us your name and photo.",
    "You may manage the sharing of some of your data with us in the app settings.",
    "Some partners may transmit data about you when you click one of our adverts.",
    "Information must be provided to ACME when you sign up.",
    "We keep the names of the recipients of your messages for thirty days.",
])
def test_data_given_to_the_service_is_not_sharing(text):
    assert "third-party-sharing" not in cats(text)


def test_a_denial_stays_negated_sharing():
    t = tag("We do not transmit your personal data to advertising companies.")
    assert "third-party-sharing" in t.categories and t.negated


@pytest.mark.parametrize("text", [
    "Your email may be given to partner networks to exclude you from campaigns, unless you object.",
    "Some app stores require user consent before we may use such data for ads.",
    "We use it only where the necessary consent has been obtained.",
    "You can ask us to restrict the processing of your data while a complaint is examined.",
    "You may also manage which notifications you receive.",
])
def test_consent_conditions_and_objections_are_user_choice(text):
    assert "user-choice" in cats(text)


@pytest.mark.parametrize("text", [
    "See the contact section to assert your rights.",
    "This has the effect of deleting the account and its history.",
])
def test_asserting_rights_and_deleting_the_account_are_user_access(text):
    assert "user-access" in cats(text)


def test_the_user_deleting_the_account_as_an_end_of_retention_is_not_access():
    assert cats("Chat messages: until the user deletes the account.") == {"data-retention"}
