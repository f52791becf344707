"""A changed page's texts are segmented once each (crawler/pipeline.py), and its clauses,
change set and meaning are stored with plain multi-row INSERTs (store/query.py `insert_rows`):
what is stored must be what `differ.compare` and `differ.segment` give."""

import copy
import json

import differ
from store import Store

OLD = ("# Privacy\n\nWe collect your name.\n\n## Sharing\n\n- with processors\n- with the police\n\n"
       "| Who | Why |\n| --- | --- |\n| Banks | payments |\n\n## Contact\n\nWrite to us.\n")
NEW = ("# Privacy\n\nWe collect your name and bank account.\n\n## Sharing\n\n- with the police\n"
       "- with processors\n- with advertisers\n\n## Contact us\n\nWrite to us. Or call.\n")
LONG = "# Terms\n\n" + "\n\n".join(f"Clause {n} says that we keep item {n} for {n} days." for n in range(400))


# OLD -> NEW as a reader sees it, written out by hand: (kind, old position, new position, old, new).
OLD_TO_NEW = [
    ("modified", 1, 1, "We collect your name.", "We collect your name and bank account."),
    ("removed", 5, None, "Who | Why", None),
    ("removed", 6, None, "Banks | payments", None),
    ("moved", 3, 4, "with processors", "with processors"),
    ("added", None, 5, None, "with advertisers"),
    ("modified", 7, 6, "Contact", "Contact us"),
    ("modified", 8, 7, "Write to us.", "Write to us. Or call."),
]
LONG_EDIT = [("modified", 8, 8, "Clause 7 says that we keep item 7 for 7 days.",
              "Clause 7 says that we keep thing 7 for 7 days.")]


def _accounted(changes, old, new):
    """Every clause of either side is unchanged or in exactly one change."""
    olds = [c.old_position for c in changes.changes if c.old_position is not None] + [o for o, _ in changes.unchanged]
    news = [c.new_position for c in changes.changes if c.new_position is not None] + [n for _, n in changes.unchanged]
    return sorted(olds) == list(range(len(old))) and sorted(news) == list(range(len(new)))


def test_compare_clauses_of_segmented_texts_gives_the_changes_a_reader_sees():
    # The pipeline segments each text once and hands the same clauses to the diff and to the
    # clause index: the diff must find the edits, account for every clause, and leave the
    # clauses as it found them.
    for old_text, new_text, expected in [(OLD, NEW, OLD_TO_NEW), (LONG, LONG.replace("item 7 ", "thing 7 "), LONG_EDIT)]:
        old, new = differ.segment(old_text), differ.segment(new_text)
        given = copy.deepcopy((old, new))
        changes = differ.compare_clauses(old, new)
        assert [(c.kind, c.old_position, c.new_position, c.old, c.new) for c in changes.changes] == expected
        assert _accounted(changes, old, new)
        assert (old, new) == given
    # Identical texts: `compare` answers without diffing; the diff must agree, clause for clause
    # (ChangeSet's == leaves `unchanged` out, so it is compared on its own).
    same = differ.compare_clauses(differ.segment(OLD), differ.segment(OLD))
    assert same.changes == [] and same.unchanged == differ.compare(OLD, OLD).unchanged == [
        (i, i) for i in range(len(differ.segment(OLD)))]


def _clauses(store, version_id):
    return [(r["position"], r["kind"], json.loads(r["section"]), r["text"]) for r in store.db.query(
        "select * from clauses where version_id = ? order by position", [version_id])]


def test_given_clauses_are_indexed_as_segmenting_would(tmp_path):
    with Store(tmp_path / "pw.db") as store:
        store.sync_sources([{"id": "acme", "url": "https://acme.example/p"}])
        snap, _ = store.add_snapshot("acme", b"x", fetched_at="2024-03-01T12:00:00.000000Z")
        # LONG has more clauses than one INSERT statement takes.
        segmented = store.add_version("acme", snap, LONG, "2024-03-01T12:00:00.000000Z", "1")
        given = store.add_version("acme", snap, LONG, "2024-03-02T12:00:00.000000Z", "1",
                                  clauses=differ.segment(LONG))
        expected = [(c.position, c.kind, list(c.section), c.text) for c in differ.segment(LONG)]
        assert len(expected) > 200
        assert _clauses(store, segmented) == _clauses(store, given) == expected
        # The FTS5 triggers indexed every row, whichever way it came.
        assert store.db.execute("select count(*) from clauses_fts where clauses_fts match 'thing OR item'"
                                ).fetchone()[0] == 2 * 400


def test_change_set_rows_round_trip_and_commit_outside_a_transaction(tmp_path):
    path = tmp_path / "pw.db"
    with Store(path) as store:
        store.sync_sources([{"id": "acme", "url": "https://acme.example/p"}])
        snap, _ = store.add_snapshot("acme", b"x", fetched_at="2024-03-01T12:00:00.000000Z")
        v1 = store.add_version("acme", snap, OLD, "2024-03-01T12:00:00.000000Z", "1")
        v2 = store.add_version("acme", snap, NEW, "2024-03-02T12:00:00.000000Z", "1")
        changes = differ.compare(OLD, NEW)
        store.add_change_set("acme", v1, v2, changes, "2024-03-02T12:00:00.000000Z")
    with Store(path) as store:  # reopened: each call committed on its own
        recorded = store.latest_change_set("acme")
        assert [c.to_dict() for c in recorded.changes] == [c.to_dict() for c in changes.changes]
        meaning = differ.explain(changes.changes)
        assert (recorded.headline, recorded.severity, recorded.score) == (
            meaning.headline, meaning.severity, meaning.score)


def test_align_skips_difflib_only_where_difflib_would_give_one_stretch_or_nothing():
    import difflib
    import importlib
    import random

    compare = importlib.import_module("differ.compare")
    rng = random.Random(3)
    for _ in range(3000):
        old = [rng.choice("abcdefgh") for _ in range(rng.randint(0, 12))]
        new = list(old)
        for _ in range(rng.randint(0, 4)):
            at = rng.randint(0, len(new))
            if rng.random() < 0.5 and new:
                del new[min(at, len(new) - 1)]
            else:
                new.insert(at, rng.choice("abcdefghijk"))
        unchanged, stretches = compare._align(old, new)
        # What difflib alone says between the same anchors (clauses found once on each side).
        expected_unchanged, expected_stretches, i0, j0 = [], [], 0, 0
        at = {key: j for j, key in enumerate(new) if new.count(key) == 1}
        chain = compare._longest_chain(
            [(i, at[key]) for i, key in enumerate(old) if old.count(key) == 1 and key in at])
        for i, j in chain + [(len(old), len(new))]:
            matcher = difflib.SequenceMatcher(None, old[i0:i], new[j0:j], autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op == "equal":
                    expected_unchanged.extend(zip(range(i0 + i1, i0 + i2), range(j0 + j1, j0 + j2)))
                else:
                    expected_stretches.append((range(i0 + i1, i0 + i2), range(j0 + j1, j0 + j2)))
            if i < len(old):
                expected_unchanged.append((i, j))
            i0, j0 = i + 1, j + 1
        assert (unchanged, stretches) == (expected_unchanged, expected_stretches), (old, new)
