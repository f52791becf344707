"""crawler.ota: Open Terms Archive declarations become policywatch sources."""

import tomllib
from pathlib import Path

import pytest

from crawler.ota import declarations_to_sources, slug, sources_to_toml

DATA = Path(__file__).parent / "data" / "ota"


@pytest.fixture
def imported():
    return declarations_to_sources([DATA])


def by_id(sources):
    return {s["id"]: s for s in sources}


def test_each_declared_document_becomes_a_source_with_a_slug_id(imported):
    sources, _ = imported
    assert sorted(by_id(sources)) == [
        "acme-dating-privacy-policy", "acme-dating-terms-of-service",
        "bricks-cookie-policy", "bricks-privacy-policy",
    ]


def test_selectors_ranges_and_client_scripts_are_carried_over(imported):
    source = by_id(imported[0])["acme-dating-privacy-policy"]
    assert source == {
        "id": "acme-dating-privacy-policy",
        "name": "Acme Dating Privacy Policy",
        "url": "https://acme.example/privacy",
        "type": "Privacy Policy",
        "select": [".legal", {"startBefore": "#intro", "endBefore": "#cookies"}],
        "remove": [".banner"],
        "js": True,
    }
    assert by_id(imported[0])["acme-dating-terms-of-service"]["js"] is False


def test_a_combine_of_one_page_is_that_page_with_the_shared_rules(imported):
    source = by_id(imported[0])["bricks-cookie-policy"]
    assert source["url"] == "https://bricks.example/cookies"
    assert source["select"] == [".cookies"] and source["remove"] == [".ad"]


def test_what_cannot_be_mapped_is_a_warning(imported):
    sources, warnings = imported
    text = "\n".join(warnings)
    assert "combines 2 pages" in text  # Bricks Terms of Service: skipped
    assert "bricks-terms-of-service" not in by_id(sources)
    assert "removeSessionIds" in text  # custom filter: imported without it
    assert "'Community Guidelines' is only in the history" in text


def test_a_history_file_alone_is_skipped_with_a_warning():
    sources, warnings = declarations_to_sources([DATA / "Acme.history.json"])
    assert sources == [] and "history without its declaration" in warnings[0]


def test_an_unreadable_declaration_is_a_warning_not_a_crash(tmp_path):
    (tmp_path / "Broken.json").write_text("{not json")
    sources, warnings = declarations_to_sources([tmp_path / "Broken.json"])
    assert sources == [] and "cannot read" in warnings[0]


def test_toml_output_reads_back_as_the_same_sources(imported):
    sources, _ = imported
    text = sources_to_toml(sources)
    assert text.startswith("[[sources]]\nid = ")
    assert tomllib.loads(text)["sources"] == sources


def test_toml_output_escapes_quotes_and_keeps_non_ascii():
    sources = [{"id": "x", "name": 'Zoë "Z" Dating', "url": "https://z.example/", "type": "Privacy Policy",
                "select": ['a[href="/x"]'], "remove": [], "js": False}]
    text = sources_to_toml(sources)
    assert "Zoë" in text
    assert tomllib.loads(text)["sources"][0]["name"] == 'Zoë "Z" Dating'
    assert tomllib.loads(text)["sources"][0]["remove"] == []


def test_slugs_are_lowercase_ascii_words():
    assert slug("Zoë & Co. Terms of Service") == "zoe-co-terms-of-service"


def test_sources_import_ota_prints_toml_that_config_toml_accepts(tmp_path, cli):
    from scheduler.config import parse

    proc = cli("sources", "import-ota", str(DATA))
    config = parse("[store]\npath = \"x.db\"\n\n" + proc.stdout, tmp_path / "config.toml")
    assert len(config.sources) >= 2
    assert all(s["url"].startswith("http") for s in config.sources)
    assert "warning: " in proc.stderr  # the custom filter of Bricks is named
    assert proc.stderr.strip().endswith(f"{len(config.sources)} sources imported, "
                                        f"{proc.stderr.count('warning: ')} warnings")


def test_sources_without_a_subcommand_still_lists_sources(tmp_path, cli):
    proc = cli("--db", str(tmp_path / "pw.db"), "sources")
    assert "No sources yet" in proc.stdout
