"""Tagger round 6: phrasings of GDPR/CCPA-era policies (and their terms of service) that the
rules missed on real text: recipients named as group companies, services used, processors and
list items; choices declined and ad settings; ages and the GDPR; retention at the end of a
period; terms-of-service clauses that name data. Clauses written for these tests, not quoted
from any policy."""

import pytest

from differ.tags import tag


def cats(text):
    return set(tag(text).categories)


def evidence_of(tags, category):
    return [e.text for e in tags.evidence if e.tag == category]


@pytest.mark.parametrize("text", [
    "Your data may also be shared with other companies of our corporate group to detect fraud.",
    "Group companies such as our sister apps may receive your account identifier.",
    "We rely on external service providers to host the app and answer support tickets.",
    "Removing your details from the analytics services we use, such as Mixpanel, takes a week.",
    "We use a tool called Sentry to find crashes in the app.",
    "This feature is provided by Acme Maps Ltd. and is subject to its own terms.",
    "Cloud consultants and suppliers who perform services on our behalf, such as hosting.",
    "to providers of payment and fraud-screening tools;",
    "Messaging services - to deliver verification codes by text message (for example, Twilio)",
    "Further information about Acme Analytics' approach to privacy is available on its website.",
    "The payment platform you choose acts as an independent controller of your card details.",
])
def test_recipients_of_gdpr_era_policies_are_third_party_sharing(text):
    tags = tag(text)
    assert "third-party-sharing" in tags.categories
    assert all(phrase.lower() in text.lower() for phrase in evidence_of(tags, "third-party-sharing"))


@pytest.mark.parametrize("text", [
    "We may scan the photos users share with each other for nudity.",
    "You can share your experiences of the app with our research team.",
    "You can import pictures from your other accounts and share them directly to your profile account.",
    "Prizes cannot be transferred or assigned to anyone else.",
    "The service offered by Acme is not intended to provide legal advice.",
    "Links in this policy lead to sites whose privacy practices we do not control.",
    "The terms \"we\" and \"us\" refer to Acme Ltd. and its subsidiaries.",
])
def test_the_users_own_sharing_and_contract_terms_are_not_sharing(text):
    assert "third-party-sharing" not in cats(text)


@pytest.mark.parametrize("text", [
    "Our payment processor may provide your billing postcode and card expiry date to us.",
    "This processing is based on our legitimate interest in keeping the platform free of spam.",
    "We use automated decision-making to flag fake profiles for review.",
    "Data relating to your purchases and subscriptions",
    "The categories of sensitive data include health and religious beliefs.",
    "Such information is collected by Acme when you enter a competition.",
    "Advertising identifiers may be retrieved from your device when you open the app.",
    "As a host, Acme has a legal obligation to record the reports it receives from members.",
    "If you log in with your Facebook account, we receive your name and profile picture.",
    "To invite you to events near you;",
])
def test_gdpr_era_collection_and_use_are_first_party_collection(text):
    assert "first-party-collection" in cats(text)


@pytest.mark.parametrize("text", [
    # A use for a purpose, a retention for the purposes it was collected for: not a collection.
    "We will keep your information only as long as it is needed for the purposes for which it was collected.",
    # Partners who provide services to us receive data; they do not give it.
    "Our hosting partners provide services to us and may see your data only for that purpose.",
])
def test_purposes_and_services_to_us_are_not_collection(text):
    assert "first-party-collection" not in cats(text)


@pytest.mark.parametrize("text", [
    "If you choose not to allow access to your camera, you can still use the chat.",
    "Disabling notifications is possible at any time in your phone's settings.",
    "Go to Settings and tap Reset Advertising ID to start afresh.",
    "Members may choose to deactivate personalized ads on their device.",
    "You have a right to request restriction of the processing of your data.",
])
def test_declined_permissions_and_ad_settings_are_user_choice(text):
    assert "user-choice" in cats(text)


def test_a_restricted_account_is_not_a_choice():
    # A sanction, not the GDPR right to restriction of processing.
    assert "user-choice" not in cats("Repeated spam may lead to restriction of your further use of the app.")


@pytest.mark.parametrize("text", [
    "The app is reserved for people aged 18 and over.",
    "You must be at least 18 years to open an account.",
    "Only adults 18 or older may join the service.",
    "Residents of the EEA and the UK may complain to their local authority.",
])
def test_age_limits_and_regions_are_specific_audiences(text):
    assert "specific-audiences" in cats(text)


def test_the_gdpr_alone_names_no_audience():
    # In a European policy the GDPR is the law of every clause: a right under it is access.
    tags = cats("Under the GDPR, you have the right to obtain a copy of your personal data.")
    assert "user-access" in tags and "specific-audiences" not in tags


def test_the_right_to_know_item_is_user_access():
    assert "user-access" in cats("The categories of personal information we have collected about you;")


def test_deletion_at_the_end_of_a_period_is_retention():
    assert "data-retention" in cats("At the end of this period, your profile is definitively deleted.")
    assert "data-retention" in cats("Inactive accounts are automatically deleted.")


def test_a_breach_of_the_terms_is_no_data_breach():
    assert "data-security" not in cats("Any breach of these Terms may lead to the closure of your account.")
    assert "data-security" in cats("We will tell you without delay of a data breach that affects you.")


@pytest.mark.parametrize("text", [
    "These messages are binding only on the members concerned.",
    "Payment for coins is processed by the App Store on your device.",
    "You may not make any commercial use of your profile photos.",
])
def test_terms_of_service_naming_data_are_other(text):
    # The fallback "a clause that only names data is a list of what is collected" holds in a
    # policy; in the words of terms of service it does not.
    assert cats(text) == {"other"}


def test_a_bare_list_of_data_is_still_collection():
    assert cats("Your photos, your bio and the interests you add to your profile.") == {"first-party-collection"}
    assert cats("Your search terms and the profiles you visit.") == {"first-party-collection"}


@pytest.mark.parametrize("text", [
    "The purpose of this Privacy Policy is to inform you about how we collect and use your data.",
    "We value your privacy: this notice says how we handle your data and who we share it with.",
])
def test_introductions_stay_other(text):
    tags = cats(text)
    assert "other" in tags and "third-party-sharing" not in tags


def test_a_definition_by_phrase_is_not_a_use():
    assert "first-party-collection" not in cats(
        "When we use the phrase \"Profile\" in these rules, we mean the page that shows you to members.")
