"""Digests by e-mail to a real SMTP server (aiosmtpd on 127.0.0.1): content, TLS, the outbox."""

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword

import notifier
from notify_support import (POLICY, email_config, free_port, record_change, record_fetch, server_tls,
                            smtp_server, source)
from store import Store

NEW_POLICY = POLICY.replace("We do not sell your personal information.",
                            "We do not sell your personal information, except to our advertising partners.")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "pw.db") as s:
        yield s


def test_the_digest_arrives_as_text_and_html_with_subject_recipients_and_word_diff(store, smtp):
    record_change(store, source(), POLICY, NEW_POLICY)
    sent = notifier.deliver_pending(store, email_config(smtp.port), "email")
    assert len(sent) == 1
    (received,) = smtp.inbox.received
    assert received["to"] == ["privacy-team@example.org", "dpo@example.org"]
    assert received["from"] == "policywatch@example.org"
    msg = received["message"]
    # issue 11: the subject carries the change set's headline (was "… changed (1 substantive)")
    assert msg["Subject"] == "policywatch: Acme Privacy Policy: changes to sharing"
    assert msg["To"] == "privacy-team@example.org, dpo@example.org"
    assert msg["Message-ID"] == sent[0].message_id
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "Acme Privacy Policy <https://acme.example/privacy>" in text
    assert "in Acme Privacy Policy › How we share information" in text
    assert "We do not sell your personal information{+, except to our advertising partners+}." in text
    assert "Full diff: http://localhost:8080/changes/1" in text
    assert "How we share information" in html
    assert ">, except to our advertising partners</ins>." in html
    assert '<a href="http://localhost:8080/changes/1">Full diff</a>' in html


def test_removed_words_are_struck_through_in_html_and_bracketed_in_text(store, smtp):
    record_change(store, source(), POLICY, POLICY.replace("your name and e-mail", "your e-mail"))
    notifier.deliver_pending(store, email_config(smtp.port), "email")
    (msg,) = smtp.inbox.messages
    assert "We collect your [-name and -]e-mail address." in msg.get_body(("plain",)).get_content()
    assert ">name and </del>e-mail address." in msg.get_body(("html",)).get_content()


def test_sources_are_ordered_most_significant_first_and_cosmetic_changes_folded(store, smtp):
    record_change(store, source("b-minor", "Beta Terms"), POLICY,
                  POLICY.replace("name and", "name, and"), significance="minor")
    record_change(store, source("a-cosmetic", "Alpha Terms"), POLICY,
                  POLICY.replace("e-mail", "email"), significance="cosmetic")
    record_change(store, source("c-big", "Gamma Policy"), POLICY, NEW_POLICY)
    notifier.deliver_pending(store, email_config(smtp.port), "email")
    (msg,) = smtp.inbox.messages
    text = msg.get_body(("plain",)).get_content()
    assert text.index("Gamma Policy") < text.index("Beta Terms") < text.index("Alpha Terms")
    assert "(1 minor or cosmetic change not shown)" in text
    assert "{+email+}" not in text  # the cosmetic edit itself is folded
    # issue 11: the gravest source's headline first, then the others as before
    assert msg["Subject"] == ("policywatch: Gamma Policy: changes to sharing (also: Beta Terms changed "
                              "(1 minor), Alpha Terms changed (1 cosmetic))")


def test_cosmetic_changes_alone_send_nothing_and_ride_along_with_the_next_digest(store, smtp):
    config = email_config(smtp.port)
    record_change(store, source(), POLICY, POLICY.replace("e-mail", "email"), significance="cosmetic")
    assert notifier.deliver_pending(store, config, "email") == []
    assert smtp.inbox.messages == []
    record_change(store, source(), POLICY.replace("e-mail", "email"), NEW_POLICY.replace("e-mail", "email"),
                  at="2026-03-02T08:00:00.000000Z")
    (sent,) = notifier.deliver_pending(store, config, "email")
    assert sent.items["change_set"] == [1, 2]
    assert "(1 minor or cosmetic change not shown)" in smtp.inbox.messages[0].get_body(("plain",)).get_content()


def test_min_significance_substantive_folds_minor_changes(store, smtp):
    config = email_config(smtp.port, min_significance="substantive")
    record_change(store, source(), POLICY, POLICY.replace("name and", "name, and"), significance="minor")
    assert notifier.deliver_pending(store, config, "email") == []
    assert smtp.inbox.messages == []


def test_each_change_is_delivered_once_and_nothing_is_sent_when_nothing_changed(store, smtp):
    config = email_config(smtp.port)
    assert notifier.deliver_pending(store, config, "email") == []
    record_change(store, source(), POLICY, NEW_POLICY)
    assert len(notifier.deliver_pending(store, config, "email")) == 1
    assert notifier.deliver_pending(store, config, "email") == []
    record_change(store, source(), NEW_POLICY, NEW_POLICY + "\nWe keep logs for 90 days.\n",
                  at="2026-03-02T08:00:00.000000Z")
    (second,) = notifier.deliver_pending(store, config, "email")
    assert second.items["change_set"] == [2]
    assert len(smtp.inbox.messages) == 2
    assert len({m["Message-ID"] for m in smtp.inbox.messages}) == 2


def test_a_crash_between_send_and_record_gives_exactly_one_resend_with_the_same_message_id(store, smtp):
    config = email_config(smtp.port)
    record_change(store, source(), POLICY, NEW_POLICY)

    def crash(digest):
        raise SystemExit("killed after sending, before recording")

    with pytest.raises(SystemExit):
        notifier.deliver_pending(store, config, "email", after_send=crash)
    assert len(smtp.inbox.messages) == 1
    assert [d["status"] for d in store.digests("email")] == ["pending"]
    store.close()
    with Store(store.path) as reopened:  # as a restarted process would
        assert len(notifier.deliver_pending(reopened, config, "email")) == 1
        assert notifier.deliver_pending(reopened, config, "email") == []
        assert [d["status"] for d in reopened.digests("email")] == ["sent"]
    first, resend = smtp.inbox.messages
    assert first["Message-ID"] == resend["Message-ID"]
    assert first.get_body(("plain",)).get_content() == resend.get_body(("plain",)).get_content()


def test_smtp_down_keeps_the_digest_pending_then_delivers_it_once_when_back(store):
    port = free_port()  # nothing listens there yet
    config = email_config(port)
    record_change(store, source(), POLICY, NEW_POLICY)
    with pytest.raises(notifier.SendFailed, match=rf"SMTP 127.0.0.1:{port}: .*1 digest left pending"):
        notifier.deliver_pending(store, config, "email")
    (digest,) = store.digests("email")
    assert (digest["status"], digest["attempts"]) == ("pending", 1)
    assert digest["last_error"]

    with smtp_server(port) as back:
        (sent,) = notifier.deliver_pending(store, config, "email")
        assert notifier.deliver_pending(store, config, "email") == []
    assert len(back.inbox.messages) == 1
    assert back.inbox.messages[0]["Message-ID"] == digest["message_id"] == sent.message_id
    assert store.digests("email")[0]["status"] == "sent"


def test_a_source_failing_three_runs_in_a_row_is_listed_once_and_its_recovery_once(store, smtp):
    config = email_config(smtp.port)
    broken = source("acme-terms", "Acme Terms", "https://acme.example/terms")
    record_fetch(store, broken, "new")
    for _ in range(2):
        record_fetch(store, broken, "failed", "HTTP 503")
    assert notifier.deliver_pending(store, config, "email") == []  # two failures: not yet
    record_fetch(store, broken, "failed", "HTTP 503 Service Unavailable")
    (failing,) = notifier.deliver_pending(store, config, "email")
    assert failing.subject() == "policywatch: Acme Terms failing"
    text = smtp.inbox.messages[0].get_body(("plain",)).get_content()
    assert "Sources failing:" in text
    assert "Acme Terms <https://acme.example/terms>: 3 failed fetches in a row; last: HTTP 503 Service Unavailable" in text
    record_fetch(store, broken, "failed", "HTTP 503")
    assert notifier.deliver_pending(store, config, "email") == []  # still failing: said already
    record_fetch(store, broken, "unchanged")
    (recovered,) = notifier.deliver_pending(store, config, "email")
    assert recovered.subject() == "policywatch: Acme Terms recovered"
    assert notifier.deliver_pending(store, config, "email") == []
    assert len(smtp.inbox.messages) == 2


def test_a_newline_in_a_source_name_cannot_add_a_header(store, smtp):
    evil = source(name="Acme\r\nBcc: victim@example.net\r\nX-Injected: yes")
    record_change(store, evil, POLICY, NEW_POLICY)
    notifier.deliver_pending(store, email_config(smtp.port), "email")
    (received,) = smtp.inbox.received
    msg = received["message"]
    assert received["to"] == ["privacy-team@example.org", "dpo@example.org"]
    assert msg["Bcc"] is None and msg["X-Injected"] is None
    # issue 11: the headline follows the name; strip(): the email package folds this longer
    # subject right after "Subject:", and unfolding leaves a leading space
    assert msg["Subject"].strip() == "policywatch: Acme Bcc: victim@example.net X-Injected: yes: changes to sharing"


def test_starttls_with_login_reads_the_password_from_the_environment(store, tmp_path, monkeypatch):
    cert, tls = server_tls(tmp_path)
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"pw", b"s3cret")
        logins.append(ok)
        return AuthResult(success=ok)

    with smtp_server(tls_context=tls, require_starttls=True, authenticator=authenticator,
                     auth_required=True) as smtp:
        config = email_config(smtp.port, security="starttls", ca_file=str(cert), username="pw",
                              password_env="PW_TEST_SMTP_PASSWORD")
        record_change(store, source(), POLICY, NEW_POLICY)
        monkeypatch.delenv("PW_TEST_SMTP_PASSWORD", raising=False)
        with pytest.raises(notifier.NotConfigured, match="PW_TEST_SMTP_PASSWORD"):
            notifier.deliver_pending(store, config, "email")
        monkeypatch.setenv("PW_TEST_SMTP_PASSWORD", "s3cret")
        assert len(notifier.deliver_pending(store, config, "email")) == 1
    assert logins == [True]
    assert len(smtp.inbox.messages) == 1


def test_starttls_refuses_a_certificate_it_does_not_trust(store, tmp_path):
    _, tls = server_tls(tmp_path)
    with smtp_server(tls_context=tls) as smtp:
        record_change(store, source(), POLICY, NEW_POLICY)
        with pytest.raises(notifier.SendFailed, match="CERTIFICATE_VERIFY_FAILED"):
            notifier.deliver_pending(store, email_config(smtp.port, security="starttls"), "email")
    assert smtp.inbox.messages == []


def test_implicit_tls_delivers(store, tmp_path):
    cert, tls = server_tls(tmp_path)
    with smtp_server(ssl_context=tls) as smtp:
        record_change(store, source(), POLICY, NEW_POLICY)
        config = email_config(smtp.port, security="tls", ca_file=str(cert))
        assert len(notifier.deliver_pending(store, config, "email")) == 1
    assert smtp.inbox.messages[0]["Subject"] == "policywatch: Acme Privacy Policy: changes to sharing"  # issue 11


def test_a_disabled_channel_is_a_clear_error(store):
    config = email_config(1)
    config["email"]["enabled"] = False
    with pytest.raises(notifier.NotConfigured, match=r"\[notify.email\] is not enabled"):
        notifier.deliver_pending(store, config, "email")
