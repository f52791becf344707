"""`policywatch compare` and `policywatch extract` on files and URLs, without a database."""

import json


def test_compare_two_urls_gives_the_clause_change_as_json(site, cli, tmp_path):
    old = site.copy("privacy.html", "old.html")
    new = site.copy("privacy.html", "new.html")
    site.edit("new.html", "We do not sell your personal information.", "We may sell your personal information.")
    out = json.loads(cli("compare", old, new, "--select", "#policy", "--json").stdout)
    assert out["changed"] is True
    (change,) = out["changes"]
    assert change["kind"] == "modified" and change["significance"] == "substantive"
    assert change["section"] == ["Acme Privacy Policy", "How we share information"]
    assert [-1, "do not"] in change["diff"] or any(op == -1 and "not" in text for op, text in change["diff"])
    assert not (tmp_path / "policywatch.db").exists()


def test_compare_of_identical_files_says_no_change_and_exits_0(tmp_path, cli):
    page = tmp_path / "a.md"
    page.write_text("# Policy\n\nWe collect your name.\n")
    proc = cli("compare", str(page), str(page))
    assert proc.stdout.strip() == "No change."


def test_extract_a_url_prints_the_markdown_a_source_would_store(site, cli):
    url = site.copy("privacy.html")
    out = cli("extract", url, "--select", "#policy", "--remove", "h2:nth-of-type(3) ~ p").stdout
    assert out.startswith("# Acme Privacy Policy\n")
    assert "privacy@acme.example" not in out


def test_extract_refuses_what_is_not_http(cli):
    proc = cli("extract", "ftp://example.org/policy", check=False)
    assert proc.returncode == 1
    assert "cannot read" in proc.stderr or "only http and https" in proc.stderr
