"""Tagger round 5: recipients in other words, opt-in put other ways, duties of confidence,
audiences from abroad, and introductions and scope statements as `other`. Clauses written for
these tests in the style of ~2015 US website policies, not quoted from any."""

import pytest

from differ.tags import tag


def cats(text):
    return set(tag(text).categories)


@pytest.mark.parametrize("text", [
    "Our contractors receive only the details they need to print and mail your statements.",
    "Account records are released only to persons authorized by law to receive them.",
    "We will send your name and membership number to the airline you choose.",
    "Our vendors may use your order details solely to ship your purchases.",
    "We never reveal your identity to the companies that sponsor a survey.",
    "We prepare monthly traffic reports for our advertisers.",
])
def test_hand_overs_in_other_words_are_third_party_sharing(text):
    tags = tag(text)
    assert "third-party-sharing" in tags.categories
    assert any(e.tag == "third-party-sharing" and e.text.lower() in text.lower() for e in tags.evidence)


@pytest.mark.parametrize("text", [
    "We do not sell products to anyone under 18.",
    "Nevada and Utah residents: see the state-specific disclosures below.",
    "We may transfer personal data to countries other than the one you live in.",
    "You can request a copy of your data in a format that can be transferred to another provider.",
])
def test_goods_headings_and_transfers_abroad_are_not_sharing(text):
    assert "third-party-sharing" not in cats(text)


def test_a_refusal_to_sell_data_stays_sharing_and_negated():
    tags = tag("We do not sell your e-mail address to other companies.")
    assert "third-party-sharing" in tags.categories and tags.negated


@pytest.mark.parametrize("text", [
    "We run a credit check only after you authorize us to do so.",
    "A parent may refuse to permit further collection of the child's information.",
    "Just ask and we will remove you from our mailing list.",
    "You choose which parts of your profile other members can see.",
])
def test_opt_in_refusal_and_leaving_a_list_are_user_choice(text):
    assert "user-choice" in cats(text)


def test_an_account_used_without_permission_is_security_not_a_choice():
    text = "If you think your account was used without your permission, call us right away."
    assert "data-security" in cats(text)
    assert "user-choice" not in cats(text)


@pytest.mark.parametrize("text", [
    "Our printers are contractually required to keep it confidential.",
    "Mailing houses we hire must treat them in confidence and keep them secure.",
])
def test_duties_of_confidence_put_on_recipients_are_data_security(text):
    assert "data-security" in cats(text)


@pytest.mark.parametrize("text", [
    "Welcome to our shop. We are a Delaware corporation based in Austin, Texas.",
    "The State of Nevada Department of Taxation website collects no personal information unless you give it.",
])
def test_a_state_a_company_is_based_in_is_not_an_audience(text):
    assert "specific-audiences" not in cats(text)


@pytest.mark.parametrize("text", [
    "Texas residents may ask which of their records we hold.",
    "We ask for parental consent before a child can post in the forums.",
    "If you are visiting our site from Europe, your data will be handled in the United States.",
    "Our company participates in the Privacy Shield program.",
    "Foreign visitors should know that U.S. law may offer less protection.",
])
def test_residents_parents_and_visitors_from_abroad_are_specific_audiences(text):
    assert "specific-audiences" in cats(text)


def test_the_scope_of_a_framework_is_not_a_retention_period():
    text = "We follow the Safe Harbor Framework on the collection, use and retention of data from EU countries."
    assert "data-retention" not in cats(text)


@pytest.mark.parametrize("text", [
    "We keep your past answers, in anonymous form, for research.",
    "We store the addresses for the sole purpose of sending that one e-mail.",
])
def test_keeping_for_one_purpose_or_anonymously_is_retention(text):
    assert "data-retention" in cats(text)


@pytest.mark.parametrize("text", [
    "Thanks for visiting. This statement explains what information we gather and how we use and share it.",
    "We respect your privacy. This notice describes how your personal information is collected, used and protected.",
])
def test_an_introduction_naming_topics_is_other_only(text):
    assert cats(text) == {"other"}


def test_an_introduction_that_also_describes_a_practice_keeps_it():
    text = ("This policy explains how we use your information. We collect your name and address "
            "when you order a catalog.")
    assert {"other", "first-party-collection"} <= cats(text)


@pytest.mark.parametrize("text", [
    "This policy does not apply to information you give us by phone or in our stores.",
    "Our privacy statement does not cover data collected by the sites we link to.",
])
def test_a_statement_of_what_the_policy_leaves_out_is_other(text):
    tags = tag(text)
    assert tags.categories == ("other",)
    assert tags.evidence and tags.evidence[0].tag == "other"


def test_a_do_not_track_paragraph_keeps_third_party_tracking_as_sharing():
    text = ("We do not respond to Do Not Track signals. Third parties, including ad networks, may "
            "collect information about your activities over time and across websites.")
    assert cats(text) == {"do-not-track", "third-party-sharing"}
    assert cats("Our site does not respond to Do Not Track signals from your browser.") == {"do-not-track"}


@pytest.mark.parametrize("text", [
    "The county library's website collects no information about visitors unless they send a form.",
    "With your permission, our app may access your location to find nearby branches.",
])
def test_a_site_or_app_that_collects_is_first_party_collection(text):
    assert "first-party-collection" in cats(text)


def test_a_submission_that_becomes_a_public_record_is_sharing():
    text = "Messages you send to the agency may become public records open to inspection."
    assert "third-party-sharing" in cats(text)
