"""Properties of `compare` over generated policies: nothing is reported for identical texts, every
clause is accounted for exactly once, and the result never varies."""

import json
import re
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import differ
from differ.compare import compare_clauses
from differ.normalize import strip_numbering

# A small vocabulary, so that generated clauses repeat and resemble each other (the hard cases).
WORDS = st.sampled_from("we you data share sell keep not may your partners logs 30 days “consent” don’t".split())
SENTENCE = st.lists(WORDS, min_size=1, max_size=12).map(lambda w: " ".join(w).capitalize() + ".")
BLOCK = st.one_of(
    st.tuples(st.integers(1, 3), SENTENCE).map(lambda t: "#" * t[0] + " " + t[1]),
    SENTENCE,
    st.lists(SENTENCE, min_size=1, max_size=4).map(lambda items: "\n".join("- " + i for i in items)),
    st.lists(SENTENCE, min_size=1, max_size=4).map(
        lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))),
    st.tuples(SENTENCE, SENTENCE).map(lambda r: f"| {r[0]} | {r[1]} |"),
)
DOCUMENT = st.lists(BLOCK, max_size=12).map("\n\n".join)


@st.composite
def edited_pair(draw):
    """A document and an edited copy: blocks deleted, inserted, moved and retyped."""
    blocks = draw(st.lists(BLOCK, max_size=12))
    edited = list(blocks)
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["delete", "insert", "move", "replace"]))
        if action == "insert" or not edited:
            edited.insert(draw(st.integers(0, len(edited))), draw(BLOCK))
        elif action == "delete":
            edited.pop(draw(st.integers(0, len(edited) - 1)))
        elif action == "move":
            block = edited.pop(draw(st.integers(0, len(edited) - 1)))
            edited.insert(draw(st.integers(0, len(edited))), block)
        else:
            at = draw(st.integers(0, len(edited) - 1))
            words = edited[at].split(" ")
            words[draw(st.integers(0, len(words) - 1))] = draw(WORDS)
            edited[at] = " ".join(words)
    return "\n\n".join(blocks), "\n\n".join(edited)


@given(DOCUMENT)
def test_a_text_compared_with_itself_has_no_changes(text):
    assert not differ.compare(text, text)
    clauses = differ.segment(text)
    assert not compare_clauses(clauses, clauses)
    assert not differ.compare(text, text + "\n\n")


@settings(max_examples=300)
@given(edited_pair())
def test_every_clause_is_accounted_for_once_so_new_can_be_rebuilt_from_old(pair):
    old_text, new_text = pair
    old, new = differ.segment(old_text), differ.segment(new_text)
    changeset = differ.compare(old_text, new_text)
    rebuilt_old: dict[int, str] = {}
    rebuilt_new: dict[int, str] = {}

    def put(rebuilt, position, text):
        assert position not in rebuilt, "a clause accounted for twice"
        rebuilt[position] = strip_numbering(text)

    for i, j in changeset.unchanged:
        put(rebuilt_old, i, old[i].text)
        put(rebuilt_new, j, old[i].text)  # unchanged: the old clause gives the new one
    for change in changeset.changes:
        if change.kind != "added":
            put(rebuilt_old, change.old_position, change.old)
        if change.kind != "removed":
            put(rebuilt_new, change.new_position, change.new)
        assert "".join(t for op, t in change.diff if op <= 0) == (change.old or "")
        assert "".join(t for op, t in change.diff if op >= 0) == (change.new or "")
    assert [rebuilt_old[i] for i in sorted(rebuilt_old)] == [strip_numbering(c.text) for c in old]
    assert [rebuilt_new[j] for j in sorted(rebuilt_new)] == [strip_numbering(c.text) for c in new]
    assert sorted(rebuilt_new) == list(range(len(new)))


@given(edited_pair())
def test_compare_is_deterministic(pair):
    first = [c.to_dict() for c in differ.compare(*pair).changes]
    assert [c.to_dict() for c in differ.compare(*pair).changes] == first


def test_compare_gives_the_same_result_whatever_the_hash_seed():
    old = "# P\n\n- a b\n- b c\n- c d\n\nWe keep logs. We sell data.\n\n| x | y |\n"
    new = "# P\n\n- c d\n- a b\n- b c e\n\nWe keep all logs.\n\n| x | z |\n"
    code = f"import json, differ; print(json.dumps(differ.compare({old!r}, {new!r}).to_json_dict()))"
    outputs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       cwd=Path(__file__).parent.parent,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    assert json.loads(outputs.pop())["changed"]


TEXT = st.lists(st.sampled_from(list("ab c.\u00a0\t’é1") + ["word ", "  "]), max_size=20).map("".join)


@settings(max_examples=500)
@given(TEXT, TEXT)
def test_word_diff_gives_both_texts_back_and_never_cuts_a_word(old, new):
    diff = differ.word_diff(old, new)
    assert "".join(t for op, t in diff if op <= 0) == old
    assert "".join(t for op, t in diff if op >= 0) == new
    assert all(text for _, text in diff)
    words = set(re.findall(r"\w+", old)) | set(re.findall(r"\w+", new))
    assert all(set(re.findall(r"\w+", text)) <= words for _, text in diff)
