"""Tagger round 3: headings alone, keyword traps and more OPP-115 phrasings, each family with
clauses written for these tests (in the style of US website policies), not quoted from any."""

import pytest

from differ.tags import tag


def cats(text):
    return set(tag(text).categories)


@pytest.mark.parametrize("heading, category", [
    ("Your Choices", "user-choice"),
    ("Security", "data-security"),
    ("Information Collection and Use", "first-party-collection"),
    ("Sharing with Third Parties", "third-party-sharing"),
    ("Accessing and Correcting Your Information", "user-access"),
    ("How Long We Keep Your Information", "data-retention"),
    ("Changes to This Policy", "policy-change"),
    ("Children Under 13", "specific-audiences"),
    ("Contact Us", "other"),
])
def test_a_heading_alone_is_about_the_practice_it_names(heading, category):
    tags = tag(heading)
    assert tags.categories == (category,)
    assert any(e.tag == category and e.text.lower() in heading.lower() for e in tags.evidence)


def test_a_sentence_is_not_read_as_a_heading():
    # "contact us" in a sentence about opting out says how to opt out: not contact details.
    assert cats("To opt out of our mailings, contact us.") == {"user-choice"}


@pytest.mark.parametrize("text", [
    "Sign up for our Deals newsletter to hear about our biggest sale of the year.",
    "Online banking lets you transfer funds between your accounts and pay bills.",
    "Please keep your password secret and do not share it with anyone.",
    "Our video player keeps its settings in Flash local shared objects.",
    "This processing is based on our legitimate interest to share our offers with you.",
    "You have the right to request that we disclose to you the categories of data we hold.",
])
def test_plain_words_in_another_sense_are_not_sharing(text):
    assert "third-party-sharing" not in cats(text)


@pytest.mark.parametrize("text, negated", [
    ("We do not sell, rent or trade your personal information to third parties.", True),
    ("We may sell your email address to marketers.", False),
    ("Nevada residents may opt out of personal information sales.", False),
])
def test_a_sale_of_data_is_sharing(text, negated):
    tags = tag(text)
    assert "third-party-sharing" in tags.categories and tags.negated == negated


@pytest.mark.parametrize("text", [
    "Our site includes social media features, such as the Facebook Like button.",
    "If you connect your account to Twitter, we will receive your Twitter user name.",
    "We may provide your name and mailing address to other carefully selected companies.",
    "Some of these cookies are set by third party providers whose services appear on our pages.",
    "Payments are handled as described in Stripe's privacy policy.",
    "We may publish aggregate statistics about how visitors use the site.",
])
def test_hand_overs_in_other_words_are_sharing(text):
    assert "third-party-sharing" in cats(text)


@pytest.mark.parametrize("text", [
    "Participation in our surveys is voluntary.",
    "We will not use your information for marketing unless you have opted in.",
    "Federal law gives you the right to limit only some sharing.",
    "Push notifications can be turned off at any time.",
    "To stop receiving catalogs, update your mailing preferences in your account.",
    "If you check the box at registration, our partners may send you offers.",
    "We offer you the choice of receiving or not receiving special offers.",
])
def test_choices_in_other_words_are_user_choice(text):
    assert "user-choice" in cats(text)


def test_a_company_without_an_option_is_no_user_choice():
    assert "user-choice" not in cats("The app store does not give us the option of changing the payment method.")


@pytest.mark.parametrize("text", [
    "We may send you emails about new products and special offers.",
    "If you make a purchase, we will ask for your credit card number and billing address.",
    "Our games record your scores and achievements.",
    "Information collected from you at registration is used to manage your account.",
])
def test_first_party_use_in_other_words_is_collection(text):
    assert "first-party-collection" in cats(text)


@pytest.mark.parametrize("text, category", [
    ("Third-party ad networks may collect information about your visits to deliver ads.", "third-party-sharing"),
    ("We use firewalls and encryption to protect customer records.", "data-security"),
    ("We use third-party vendors to process credit card payments.", "third-party-sharing"),
    ("Any information you provide in our public forums may be read by others.", "third-party-sharing"),
    ("We will never call you to ask for your password.", "data-security"),
    ("We retain information for as long as necessary to fulfill the purposes described above.", "data-retention"),
    ("Please note that this policy does not apply to information collected offline.", "other"),
])
def test_collection_words_serving_another_practice_are_not_first_party_collection(text, category):
    found = cats(text)
    assert category in found and "first-party-collection" not in found


@pytest.mark.parametrize("text", [
    "We do not store full credit card numbers after your order is complete.",
    "Backup copies of deleted information may remain in our archives for a limited time.",
    "Inactive accounts are purged after two years.",
])
def test_not_keeping_and_leftover_copies_are_retention(text):
    assert "data-retention" in cats(text)


def test_not_storing_is_negated():
    assert tag("We never store your card number.").negated


def test_data_stored_in_a_country_is_a_transfer_not_a_retention_period():
    found = cats("Customers outside the U.S.: your information may be stored and processed in any country.")
    assert "specific-audiences" in found and "data-retention" not in found


@pytest.mark.parametrize("text", [
    "You can review and update your account information at any time.",
    "Parents can review, delete or stop the further collection of their child's information.",
    "You can remove reviews you have posted by clicking Delete.",
])
def test_users_who_review_edit_or_delete_is_user_access(text):
    assert "user-access" in cats(text)


@pytest.mark.parametrize("text", [
    "We will never ask for your PIN or online banking password in an email.",
    "Remember to sign off when you finish using a shared computer.",
    "We protect your Social Security number by limiting access to employees who need it.",
    "Our servers are housed in locked facilities.",
])
def test_fraud_advice_and_access_limits_are_security(text):
    assert "data-security" in cats(text)


def test_protecting_peoples_safety_is_not_data_security():
    text = "We may disclose information when necessary to protect the safety of our users or others."
    assert cats(text) == {"third-party-sharing"}


@pytest.mark.parametrize("text", [
    "By using our Site, you agree to the terms of this Privacy Policy.",
    "You may call our customer service team toll-free, Monday through Friday.",
    "The Site is governed by the laws of the State of New York.",
    "We are a member of the TRUSTe privacy seal program.",
    "Please note that this policy does not apply to information collected offline.",
])
def test_scope_agreement_law_and_seals_are_other(text):
    assert "other" in cats(text)


def test_questions_about_the_policy_stay_other_beside_a_practice():
    found = cats("If you have questions about this Privacy Policy or wish to opt out, contact us.")
    assert {"other", "user-choice"} <= found


@pytest.mark.parametrize("text", [
    "We do not knowingly solicit data from anyone younger than 13.",
    "If you are visiting from outside the U.S., your information will be processed in the United States.",
])
def test_ages_and_visitors_from_abroad_are_specific_audiences(text):
    assert "specific-audiences" in cats(text)


@pytest.mark.parametrize("text, category", [
    ("Your personal information may be accessed by our agents and contractors.", "third-party-sharing"),
    ("We may allow third-party companies to serve ads on our website.", "third-party-sharing"),
    ("You can instruct your browser to stop accepting cookies.", "user-choice"),
    ("If you prefer that we not send you offers, click the preferences link.", "user-choice"),
    ("Order records are maintained for seven years for tax purposes.", "data-retention"),
    ("We encourage you to use a unique password for our site.", "data-security"),
    ("Any changes will be effective immediately upon posting of the revised policy.", "policy-change"),
    ("This website is intended for visitors located within the United States.", "specific-audiences"),
])
def test_more_opp115_phrasings_get_their_category(text, category):
    assert category in cats(text)


def test_reviewing_the_policy_for_changes_is_policy_change_not_an_introduction():
    assert cats("We may change this privacy policy at any time, so please review it frequently.") == {"policy-change"}


def test_a_statement_that_discloses_its_practices_is_an_introduction_not_sharing():
    assert cats("The following statement discloses our information practices for this website.") == {"other"}


# Round 5: each family below with clauses written for these tests.

@pytest.mark.parametrize("text", [
    "By visiting this website, you consent to the collection and use of your information as described here.",
    "By submitting your details you agree to the transfer of your data to our offices.",
    "We will send you our weekly newsletter and, if you agree, occasional offers from us.",
])
def test_consent_given_by_using_or_agreeing_is_user_choice(text):
    tags = tag(text)
    assert "user-choice" in tags.categories
    assert any(e.tag == "user-choice" and e.text.lower() in text.lower() for e in tags.evidence)


@pytest.mark.parametrize("text", [
    "Oregon residents may ask us which companies received their information.",
    "Residents of the Commonwealth of Massachusetts have further rights under state law.",
    "New Jersey customers can request a copy of our annual notice.",
])
def test_residents_of_a_us_state_are_specific_audiences(text):
    assert "specific-audiences" in cats(text)


def test_a_state_named_in_a_governing_law_clause_is_not_an_audience():
    assert "specific-audiences" not in cats("This Policy is governed by the laws of the State of New York.")


@pytest.mark.parametrize("text", [
    "For your safety, your online banking session times out after ten minutes without activity.",
    "If you think your password has been compromised, change it and let us know.",
    "Never share your password with anyone, including people who say they work for us.",
    "Our contractors must keep your information strictly confidential.",
    "Our staff are trained in handling customer records.",
    "Card numbers are sent using Secure Sockets Layer technology.",
    "Records are kept on servers in a secure facility.",
])
def test_account_advice_and_duties_of_confidence_are_data_security(text):
    assert "data-security" in cats(text)


def test_a_session_time_out_is_not_a_retention_period():
    assert "data-retention" not in cats("Your session will time out after 20 minutes of inactivity.")


@pytest.mark.parametrize("text", [
    "Your nickname and ratings are displayed publicly on the product page.",
    "Product reviews may be syndicated to other retailers' websites.",
    "When you click a share button, your browser sends data directly to the social network.",
    "We use aggregate figures to report audience size to our advertisers.",
    "We may hire other companies to deliver packages and process payments on our behalf.",
])
def test_public_display_reports_and_agents_are_third_party_sharing(text):
    assert "third-party-sharing" in cats(text)


def test_a_law_that_requires_us_to_tell_you_something_is_not_sharing():
    text = "State law requires us to disclose to residents how long we keep their records."
    assert "third-party-sharing" not in cats(text)


@pytest.mark.parametrize("text", [
    "If we want to use your information for an unrelated purpose, we will notify you first.",
    "We will ask before using your details in a materially different way than described here.",
])
def test_a_new_use_announced_in_advance_is_policy_change(text):
    assert "policy-change" in cats(text)


@pytest.mark.parametrize("text", [
    "You may ask us to correct your billing address by writing to us.",
    "Students can download a copy of your records from the dashboard.",
])
def test_asking_for_corrections_and_downloads_is_user_access(text):
    assert "user-access" in cats(text)


def test_until_you_ask_us_to_delete_is_retention_not_access():
    assert "user-access" not in cats("We keep your saved searches until you ask us to delete them.")


def test_a_childrens_paragraph_is_its_audience_not_a_collection():
    text = "We do not knowingly collect information from children under 13."
    tags = tag(text)
    assert tags.categories == ("specific-audiences",)
    assert tags.negated


@pytest.mark.parametrize("text", [
    "We do not use your personal data for automated decisions.",
    "You can browse our pages without telling us who you are.",
])
def test_denied_uses_and_anonymous_browsing_are_collection(text):
    assert "first-party-collection" in cats(text)


@pytest.mark.parametrize("text", [
    "Our online practices also apply to visitors of our mobile site; our Privacy Notice for Customers also applies to account holders.",
    "Please note that this policy does not apply to information you give us by telephone.",
])
def test_scope_statements_are_other(text):
    assert "other" in cats(text)


@pytest.mark.parametrize("heading, categories", [
    ("Your Access to and Control Over Information", {"user-access", "user-choice"}),
    ("Account Deletion", {"user-access"}),
])
def test_more_headings_name_their_practice(heading, categories):
    assert cats(heading) == categories


def test_content_others_can_see_is_third_party_sharing():
    assert "third-party-sharing" in cats("Our forums let you post comments that others can see.")
