"""`policywatch demo`: the whole pipeline on the shipped sample pages, no internet."""

import sqlite3


def test_the_demo_shows_the_added_financial_information_clause(cli, tmp_path):
    db = tmp_path / "demo.db"
    out = cli("--db", str(db), "demo").stdout
    lines = out.splitlines()
    assert any(l.split() == ["xiaomi-user-agreement", "unchanged"] for l in lines)  # noise only
    assert any(l.split()[:2] == ["xiaomi-privacy", "changed:"] for l in lines)
    assert "Xiaomi — MIUI Privacy Policy (xiaomi-privacy)" in out
    # The section of each changed clause, and the words added.
    assert "added (substantive): MIUI Privacy Policy › 1. What personal information we collect" in out
    assert "{+Financial information: your bank account number, card number" in out
    assert "{+Social information: your employer, job title, education" in out
    assert "without your consent where the local law" in out
    assert "[-approximate-]{+precise+}" in out
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from change_sets").fetchone()[0] == 1
    conn.close()
