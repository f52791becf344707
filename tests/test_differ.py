"""Unit tests of the differ's pieces: segmentation, normalization, word diff, records, output."""

import json
import subprocess
import sys
from pathlib import Path

import differ
from differ import Change, ChangeSet
from differ.segment import LONG_CLAUSE_WORDS

ROOT = Path(__file__).parent.parent


def test_differ_imports_only_the_standard_library_and_diff_match_patch():
    code = (
        "import sys; before = set(sys.modules); import differ; "
        "print('\\n'.join(sorted(set(sys.modules) - before)))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split()
    roots = {name.split(".")[0] for name in loaded}
    third_party = roots - set(sys.stdlib_module_names) - {"differ", "diff_match_patch"}
    assert not third_party
    assert not roots & {"scrapy", "twisted", "sqlite_utils", "lxml", "store", "crawler"}


def test_all_is_exactly_the_public_api():
    assert sorted(differ.__all__) == sorted(
        ["KINDS", "MODIFIED_THRESHOLD", "SEGMENTER", "SIGNIFICANCES", "Change", "ChangeSet", "Clause", "Meaning", "Tags",
         "compare", "compare_clauses", "explain", "normalize", "render_diff", "render_text", "segment", "similarity", "tag",
         "tag_label", "word_diff"])
    assert all(hasattr(differ, name) for name in differ.__all__)


def test_segment_gives_headings_paragraphs_items_and_rows_with_their_section_path():
    clauses = differ.segment(
        "# Policy\n\nIntro line one\ncontinues here.\n\n## Sharing\n\n- with processors\n"
        "- with the police\n\n| Who | Why |\n| --- | --- |\n| Banks | payments |\n\n# Annex\n\nEnd.\n"
    )
    assert [(c.kind, c.text, c.section) for c in clauses] == [
        ("heading", "Policy", ()),
        ("paragraph", "Intro line one continues here.", ("Policy",)),
        ("heading", "Sharing", ("Policy",)),
        ("item", "with processors", ("Policy", "Sharing")),
        ("item", "with the police", ("Policy", "Sharing")),
        ("row", "Who | Why", ("Policy", "Sharing")),
        ("row", "Banks | payments", ("Policy", "Sharing")),
        ("heading", "Annex", ()),
        ("paragraph", "End.", ("Annex",)),
    ]
    assert [c.position for c in clauses] == list(range(len(clauses)))


def test_section_paths_read_without_markdown_escapes_and_emphasis():
    clauses = differ.segment("## 12\\. **Contact us**\n\n### _Our_ DPO\n\nWrite to us.\n\n## 2 * 3 = 6\n\nMaths.\n")
    assert clauses[2].section == ("12. Contact us", "Our DPO")
    assert clauses[0].text == "12\\. **Contact us**"  # the clause keeps its exact text
    assert clauses[4].section == ("2 * 3 = 6",)


def test_setext_headings_are_headings_and_thematic_breaks_are_not_clauses():
    clauses = differ.segment("Terms\n=====\n\nHello.\n\nThe Summary\n-----------\n\nBye.\n\n---\n\n***\n")
    assert [(c.kind, c.text, c.section) for c in clauses] == [
        ("heading", "Terms", ()), ("paragraph", "Hello.", ("Terms",)),
        ("heading", "The Summary", ("Terms",)), ("paragraph", "Bye.", ("Terms", "The Summary")),
    ]


def test_table_rules_with_or_without_outer_pipes_are_not_clauses():
    clauses = differ.segment("| a | b |\n|---|---|\n| 1 | 2 |\n\n| c | d |\n---|---\n| 3 | 4 |\n")
    assert [c.text for c in clauses] == ["a | b", "1 | 2", "c | d", "3 | 4"]


def test_ordered_items_keep_their_number_and_lazy_lines_continue_an_item():
    clauses = differ.segment("1. first item\ncontinued\n2. second\n")
    assert [c.text for c in clauses] == ["1. first item continued", "2. second"]


def test_a_long_paragraph_is_split_into_sentences_but_not_at_abbreviations():
    sentence = "We share data with processors, e.g. banks, and with Acme Inc. in Paris. "
    paragraph = sentence * (LONG_CLAUSE_WORDS // 10)
    clauses = differ.segment(paragraph)
    assert len(clauses) == LONG_CLAUSE_WORDS // 10
    assert {c.text for c in clauses} == {sentence.strip()}


def test_a_short_paragraph_stays_one_clause():
    assert len(differ.segment("One. Two. Three.")) == 1


def test_normalize_folds_typography_invisible_characters_and_whitespace():
    assert differ.normalize("We\u00a0don\u2019t  sell \u201cdata\u201d \u2014 ever\u200b,\nsoft\u00adware") == \
        "We don't sell \"data\" - ever, software"
    assert differ.normalize("ﬁle 1\\. Use") == "file 1. Use"


def test_renumbered_clauses_are_not_changes():
    assert not differ.compare("## 3.2 Sharing\n\n(a) We share.\n\niv. We keep.\n",
                              "## 3.3 Sharing\n\n(b) We share.\n\nv. We keep.\n")


def test_word_diff_works_on_whole_words_and_gives_both_texts_back():
    old, new = "We keep your data for 30 days.", "We keep your personal data for 90 days."
    diff = differ.word_diff(old, new)
    assert "".join(t for op, t in diff if op <= 0) == old
    assert "".join(t for op, t in diff if op >= 0) == new
    assert (-1, "30") in diff and (1, "90") in diff
    assert all(op == 0 or text.strip() in {"30", "90", "personal"} for op, text in diff)


def test_similarity_threshold_separates_modified_from_rewritten():
    assert differ.similarity("We keep logs for a year.", "We keep logs for two years.") >= differ.MODIFIED_THRESHOLD
    assert differ.similarity("We keep logs for a year.", "Staff access is reviewed.") < differ.MODIFIED_THRESHOLD


def test_change_round_trips_through_to_dict():
    changeset = differ.compare("## A\n\nWe keep logs.\n\nOld.\n", "## B\n\nWe keep all logs.\n\nNew text entirely.\n")
    for change in changeset.changes:
        assert Change.from_dict(json.loads(json.dumps(change.to_dict()))) == change


def test_a_change_built_the_old_way_still_works():
    change = Change("added", ["Sharing"], None, "We sell data.")
    assert Change.from_dict(change.to_dict()) == change
    assert ChangeSet([change]).summary() == "0 modified, 1 added, 0 removed"


def test_to_json_dict_has_the_fields_the_cli_prints():
    changeset = differ.compare("## Data\n\nWe keep logs for 30 days.\n", "## Data\n\nWe keep logs for 90 days.\n")
    assert changeset.to_json_dict() == {
        "changed": True,
        "summary": "1 modified, 0 added, 0 removed",
        "changes": [{"kind": "modified", "section": ["Data"], "old": "We keep logs for 30 days.",
                     "new": "We keep logs for 90 days.", "significance": "minor",
                     "diff": [[0, "We keep logs for "], [-1, "30"], [1, "90"], [0, " days."]]}],
    }
    assert differ.compare("same", "same").to_json_dict() == {"changed": False, "summary": "0 modified, 0 added, 0 removed", "changes": []}


def test_summary_mentions_moves_only_when_there_are_some():
    changeset = differ.compare("- a\n- b\n- c\n", "- b\n- c\n- a\n")
    assert changeset.summary() == "0 modified, 0 added, 0 removed, 1 moved"


def test_headline_counts_significance_and_names_the_sections():
    changeset = ChangeSet([
        Change("modified", ["Policy", "Sharing"], "a", "b", "substantive"),
        Change("added", ["Policy", "Retention"], None, "c", "substantive"),
        Change("modified", ["Policy", "Sharing"], "d", "e", "minor"),
        Change("modified", ["Policy", "Contact"], "f", "F", "cosmetic"),
    ])
    assert changeset.headline() == "2 substantive, 1 minor, 1 cosmetic — Sharing, Retention"


def test_render_text_marks_removed_and_added_words():
    changeset = differ.compare(
        "# Policy\n\n## Sharing\n\nWe share your name.\n\nWe sell nothing.\n",
        "# Policy\n\n## Sharing\n\nWe share your email.\n\nWe keep logs.\n")
    assert differ.render_text(changeset) == (
        "2 substantive, 1 minor — Sharing\n"
        "\nmodified (minor): Policy › Sharing\n    We share your [-name-]{+email+}.\n"
        "\nremoved (substantive): Policy › Sharing\n    [-We sell nothing.-]\n"
        "\nadded (substantive): Policy › Sharing\n    {+We keep logs.+}\n"
    )


def test_render_text_colors_with_ansi_and_strips_escapes_coming_from_the_page():
    changeset = differ.compare("## A\n\nWe keep logs.\n", "## A\n\nWe keep \x1b[2Jall logs.\n")
    colored = differ.render_text(changeset, color=True)
    assert "\x1b[32m" in colored and "\x1b[2J" not in colored
    assert "\x1b" not in differ.render_text(changeset)


def test_render_text_of_no_changes_says_so():
    assert differ.render_text(differ.compare("a", "a")) == "no changes\n"


def test_moved_clause_shows_where_it_came_from():
    changeset = differ.compare("## A\n\nKeep.\n\n## B\n\nOther.\n", "## A\n\n## B\n\nOther.\n\nKeep.\n")
    assert "moved (minor): B (from A)" in differ.render_text(changeset)


def test_a_sentence_become_a_heading_is_a_cosmetic_change():
    long = " ".join(["We keep logs for a year."] * 20)
    changeset = differ.compare(f"Data retention. {long}\n", f"## Data retention.\n\n{long}\n")
    # the heading, and the sentence that now begins a paragraph of its own
    assert [(c.kind, c.significance, c.new) for c in changeset.changes] == [
        ("modified", "cosmetic", "Data retention."),
        ("modified", "cosmetic", "We keep logs for a year.")]


def test_a_clause_that_keeps_half_its_words_is_modified_and_one_that_keeps_less_is_replaced():
    assert differ.MODIFIED_THRESHOLD == 0.5
    kept_half = differ.compare("## A\n\nalpha beta gamma delta\n", "## A\n\nalpha beta omega sigma\n")
    assert kept_half.summary() == "1 modified, 0 added, 0 removed"
    kept_less = differ.compare("## A\n\nalpha beta gamma delta\n", "## A\n\nalpha omega sigma tau\n")
    assert kept_less.summary() == "0 modified, 1 added, 1 removed"


def test_the_example_in_the_package_docstring_runs():
    import doctest
    assert doctest.testmod(differ).failed == 0


def test_a_clause_moved_and_edited_shows_where_it_came_from():
    changeset = differ.compare(
        "## A\n\nWe keep every request from the police for five years.\n\n## B\n\nOther.\n",
        "## A\n\n## B\n\nOther.\n\nWe keep every request from the police for ten years.\n")
    assert "modified (minor): B (from A)\n    We keep every request from the police for [-five-]{+ten+} years." \
        in differ.render_text(changeset)
