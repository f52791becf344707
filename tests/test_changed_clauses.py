"""A changed page is diffed against the current version's clauses as the clause index holds them
(store/changed.py `version_clauses`), not segmented again: they must be exactly what
`differ.segment` gives, and give exactly the change set that segmenting gives, on real policy
texts; versions indexed before the index kept a clause's layout (or by another segmenter) are
segmented again.

The shared corpus (tests/test_differ_corpus.py says where) adds real policies where present.
"""

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import sqlite_utils

import differ
from crawler.pipeline import record
from crawler.spider import Page
from differ import SEGMENTER
from differ.segment import source_digest
from store import Store, now
from store.query import _insert_clauses
from store.schema import migrations

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "differ"
CORPUS = Path(os.environ.get("POLICYWATCH_CORPUS") or ROOT / ".." / "shared" / "corpus")


def _case_pairs() -> list[tuple[str, str]]:
    return [((case / "old.md").read_text(encoding="utf-8"), (case / "new.md").read_text(encoding="utf-8"))
            for case in sorted(DATA.iterdir()) if (case / "old.md").is_file()]


def _corpus_pairs(limit: int = 40) -> list[tuple[str, str]]:
    """Real edits (before, after) of the shared corpus, when it is there."""
    if not (CORPUS / "pairs.jsonl").is_file():
        return []
    pairs = [json.loads(line) for line in open(CORPUS / "pairs.jsonl", encoding="utf-8")]
    found = []
    for pair in pairs:
        if pair["label"] == "change" and len(found) < limit:
            found.append(tuple(gzip.open(CORPUS / pair[side], "rt", encoding="utf-8").read()
                               for side in ("version_before_file", "version_after_file")))
    return found


def _same_change_set(a: differ.ChangeSet, b: differ.ChangeSet) -> bool:
    # ChangeSet's == leaves `unchanged` out: it is compared on its own.
    return a == b and a.unchanged == b.unchanged


def test_stored_clauses_are_what_segment_gives_and_diff_the_same(tmp_path):
    # The fixture pairs always (CI has no corpus), the corpus's real edits where it is present.
    pairs = _case_pairs()
    assert len(pairs) >= 8
    pairs += _corpus_pairs()
    assert len(pairs) >= 30 or not (CORPUS / "pairs.jsonl").is_file()
    with Store(tmp_path / "pw.db") as store:
        store.sync_sources([{"id": "s", "url": "http://x/"}])
        for n, (old, new) in enumerate(pairs):
            # Indexed both ways add_version is called: segmenting inside, and with the caller's clauses.
            version_id = store.add_version("s", None, old, now(), "x", clauses=differ.segment(old) if n % 2 else None)
            current = store.current_version("s")
            assert current["id"] == version_id and current["segmenter"] == SEGMENTER
            stored = store.version_clauses(current)
            assert stored == differ.segment(old)
            new_clauses = differ.segment(new)
            assert _same_change_set(differ.compare_clauses(stored, new_clauses),
                                    differ.compare_clauses(differ.segment(old), new_clauses))


def _old_database(path: Path, markdown: str) -> None:
    """A database as policywatch wrote it before `changed_001_clause_forms`: one version whose
    clauses have no level or follows."""
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="changed_001_clause_forms")
    db["sources"].insert({"id": "s", "name": "s", "url": "http://x/", "type": "", "added_at": now(), "config": "{}"})
    version_id = db["versions"].insert({"source_id": "s", "created_at": now(), "markdown": markdown,
                                        "sha256": "x", "extractor_version": "x", "technical": 0}).last_pk
    with db.atomic():
        _insert_clauses(db, version_id, "s", markdown, layout=False)
    db.close()


def test_versions_indexed_before_the_migration_are_segmented_again(tmp_path):
    old, new = _case_pairs()[0]
    _old_database(tmp_path / "pw.db", old)
    with Store(tmp_path / "pw.db") as store:
        current = store.current_version("s")
        assert current["segmenter"] is None
        assert store.db.execute("select count(*) from clauses where level is null").fetchone()[0] > 0
        assert store.version_clauses(current) == differ.segment(old)
        # Clauses cut by another segmenter (its source edited since, not yet reindexed) are not read either.
        store.db.execute("update versions set segmenter = '0'")
        store.db.execute("update clauses set level = 99")
        assert store.version_clauses(store.current_version("s")) == differ.segment(old)
        # `reindex` cuts them again with today's segmenter: they are read from then on.
        store.reindex_clauses()
        current = store.current_version("s")
        assert current["segmenter"] == SEGMENTER
        assert store.version_clauses(current) == differ.segment(old)
        assert store.db.execute("select count(*) from clauses where level = 99").fetchone()[0] == 0
        # Rows deleted by hand (a gap, or none left): not what `segment` gives, so not read.
        store.db.execute("delete from clauses where position = 1")
        assert store.version_clauses(store.current_version("s")) == differ.segment(old)
        store.db.execute("delete from clauses")
        assert store.version_clauses(store.current_version("s")) == differ.segment(old) != []


def test_stamped_rows_without_their_layout_are_segmented_again(tmp_path):
    # An older policywatch, run again after a rollback, rewrites clause rows without level and
    # follows but leaves the version's stamp: such rows are not the whole Clause.
    text = "# Privacy\n\n" + LONG + "\n\n## Sharing\n\nWe share it.\n"
    clauses = differ.segment(text)
    follows = next(c.position for c in clauses if c.follows)
    heading = next(c.position for c in clauses if c.level == 2)
    with Store(tmp_path / "pw.db") as store:
        store.sync_sources([{"id": "s", "url": "http://x/"}])
        store.add_version("s", None, text, now(), "x")
        # One column at a time (the other as written): either alone is not the whole Clause.
        for column, position, value in (("follows", follows, 1), ("level", heading, 2)):
            store.db.execute(f"update clauses set {column} = null where position = ?", [position])
            current = store.current_version("s")
            assert current["segmenter"] == SEGMENTER
            assert store.version_clauses(current) == clauses
            store.db.execute(f"update clauses set {column} = ? where position = ?", [value, position])
        assert store.version_clauses(store.current_version("s")) == clauses


def test_whoever_writes_a_versions_clause_rows_stamps_it(tmp_path):
    # index_clauses is public: rows it writes for a version that was not stamped (inserted by
    # other code) are stamped there, and read back; so are the rows reindex writes.
    old, _ = _case_pairs()[0]
    with Store(tmp_path / "pw.db") as store:
        store.sync_sources([{"id": "s", "url": "http://x/"}])
        with store.atomic():
            version_id = store._insert("versions", {"source_id": "s", "created_at": now(), "markdown": old,
                                                    "sha256": "x", "extractor_version": "x"})
            assert store.current_version("s")["segmenter"] is None
            store.index_clauses(version_id, "s", old)
        current = store.current_version("s")
        assert current["segmenter"] == SEGMENTER
        # Read, not segmented: a row changed in place comes back as it is stored.
        store.db.execute("update clauses set text = 'stored' where position = 0")
        assert store.version_clauses(current)[0].text == "stored"
        store.db.execute("update versions set segmenter = null")
        store.reindex_clauses()
        current = store.current_version("s")
        assert current["segmenter"] == SEGMENTER and store.version_clauses(current) == differ.segment(old)


def _html(sections: list[tuple[str, list[str]]]) -> bytes:
    body = "".join(f"<h2>{title}</h2>" + "".join(f"<p>{p}</p>" for p in paragraphs)
                   for title, paragraphs in sections)
    return f"<html><body><main><h1>Privacy</h1>{body}</main></body></html>".encode()


LONG = " ".join(f"Sentence {n} says that we keep item {n} of your data for {n} days." for n in range(12))
BEFORE = [("What we collect", ["We collect your name.", LONG]), ("Sharing", ["We share it with processors."])]
AFTER = [("What we collect", ["We collect your name and bank account.", LONG.replace("item 5 ", "thing 5 ")]),
         ("Sharing", ["We share it with processors.", "We sell it to advertisers."])]


def _record_change(path: Path, age_first_version: bool) -> list[tuple]:
    source = {"id": "s", "url": "http://x/", "select": "main"}
    with Store(path) as store:
        store.sync_sources([source])
        for n, sections in enumerate([BEFORE, AFTER]):
            if n and age_first_version:  # as a database from before the migration has it
                store.db.execute("update versions set segmenter = null")
                store.db.execute("update clauses set level = null, follows = null")
            page = Page(source=source, url=source["url"], started_at=now(), finished_at=now(),
                        final_url=source["url"], status=200, headers={"content-type": "text/html"},
                        body=_html(sections))
            assert record(store, page).status == ("changed" if n else "new")
        current = store.current_version("s")
        assert current["segmenter"] == SEGMENTER
        assert store.version_clauses(current) == differ.segment(current["markdown"])
        return list(store.db.execute(
            "select kind, section, old_section, old, new, significance, diff, old_position, "
            "new_position, tags from changes order by position"))


def test_a_changed_page_records_the_same_change_set_whether_its_clauses_are_read_or_segmented(tmp_path):
    read = _record_change(tmp_path / "new.db", age_first_version=False)
    segmented = _record_change(tmp_path / "old.db", age_first_version=True)
    assert read == segmented
    assert {row[0] for row in read} >= {"modified", "added"}
    # A sentence of the long paragraph (Clause.follows) was edited: the layout columns counted.
    assert any("thing 5" in (row[4] or "") for row in read)


def test_the_segmenter_changes_with_the_source_segment_runs(tmp_path):
    # SEGMENTER is the digest of segment.py and model.py: one abbreviation less (which makes
    # `segment` cut other sentences, and stored clauses stale) is another segmenter.
    segment_py, model_py = ROOT / "differ" / "segment.py", ROOT / "differ" / "model.py"
    copies = [shutil.copy(path, tmp_path / path.name) for path in (segment_py, model_py)]
    assert SEGMENTER is not None and source_digest(copies) == SEGMENTER
    source = segment_py.read_text(encoding="utf-8")
    assert '"approx", ' in source
    (tmp_path / "segment.py").write_text(source.replace('"approx", ', "", 1), encoding="utf-8")
    assert source_digest(copies) != SEGMENTER
    (tmp_path / "segment.py").write_text(source, encoding="utf-8")
    (tmp_path / "model.py").write_text(model_py.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert source_digest(copies) != SEGMENTER
    assert source_digest([tmp_path / "missing.py"]) is None


BYTECODE_ONLY = """
import differ, store
assert differ.__file__.endswith(".pyc") and differ.SEGMENTER is None, differ.__file__
with store.Store(sys.argv[1]) as s:
    s.sync_sources([{"id": "s", "url": "http://x/"}])
    s.add_version("s", None, sys.argv[2], store.now(), "x")
    current = s.current_version("s")
    assert current["segmenter"] is None
    s.db.execute("update clauses set text = 'tampered', level = 7")
    assert s.version_clauses(current) == differ.segment(sys.argv[2])
print("ok")
"""


def test_a_bytecode_only_install_never_reads_stored_clauses(tmp_path):
    # No source to digest: SEGMENTER is None, versions are stamped NULL, and a changed page's
    # old text is always segmented again (never compared with clauses of unknown code).
    shutil.copytree(ROOT / "differ", tmp_path / "differ", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-b", str(tmp_path / "differ")], check=True)
    for source in (tmp_path / "differ").glob("*.py"):
        source.unlink()
    old, _ = _case_pairs()[0]
    result = subprocess.run(
        [sys.executable, "-c", "import sys\n" + BYTECODE_ONLY, str(tmp_path / "pw.db"), old],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"},
        capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
