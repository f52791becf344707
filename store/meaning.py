"""What each change set means, stored beside it: headline, severity, score and signals on
`change_sets`, the old and new side's tags on `changes` (JSON). Computed once, when the change
set is recorded, so SQL users and Datasette can filter and rank by them.

The trained tagger model, when there is one, is a file beside the database:
`<database>.tagger.json` (`policywatch tagger train` writes it).
"""

import json
from pathlib import Path

import differ
from differ.learned import Classifier, ModelError

from .schema import migrations

MODEL_SUFFIX = ".tagger.json"


@migrations(name="meaning_001_headlines_and_tags")
def meaning_001_headlines_and_tags(db):
    db["change_sets"].add_column("headline", str)
    db["change_sets"].add_column("severity", str)  # high | medium | low | cosmetic
    db["change_sets"].add_column("score", int)  # ranks change sets: higher is graver
    db["change_sets"].add_column("signals", str)  # JSON list of {kind, value, clause, evidence}
    db["changes"].add_column("tags", str)  # JSON {"old": {...} | null, "new": {...} | null}
    db["change_sets"].create_index(["score"])
    # Change sets recorded before this migration get their meaning now, by the rules alone
    # (the differ is pure and fast: about a millisecond per clause).
    from .store import change_from_row  # store.py imports this module: import late

    for row in list(db.query("select id from change_sets")):
        rows = list(db.query("select * from changes where change_set_id = ? order by position", [row["id"]]))
        meaning = differ.explain([change_from_row(c) for c in rows])
        db["change_sets"].update(row["id"], meaning_columns(meaning))
        for c, tags in zip(rows, tags_json(meaning)):
            db["changes"].update(c["id"], {"tags": tags})


def meaning_columns(meaning: differ.Meaning) -> dict:
    """The change_sets columns of a meaning (its headline without the source's name: a source
    renamed later still reads right)."""
    return {"headline": meaning.headline, "severity": meaning.severity, "score": meaning.score,
            "signals": json.dumps([s.to_dict() for s in meaning.signals], ensure_ascii=False)}


def tags_json(meaning: differ.Meaning) -> list[str]:
    """The `changes.tags` value of each change, in order."""
    return [json.dumps(pair, ensure_ascii=False) for pair in meaning.to_dict()["tags"]]


class MeaningMixin:
    """The tagger model beside the database, and meanings computed with it (methods of `Store`)."""

    @property
    def tagger_path(self) -> Path:
        return self.path.with_name(self.path.name + MODEL_SUFFIX)

    def tagger(self) -> Classifier | None:
        """The trained model beside the database, or None. Re-read when the file changes (a
        daemon picks up a retrained model). An unreadable model is ignored here, so that a
        crawl never loses a fetch over it; `policywatch tag` and `tagger eval` report it."""
        try:
            stat = self.tagger_path.stat()
        except OSError:
            return None
        key = (stat.st_mtime_ns, stat.st_size)
        cached = getattr(self, "_tagger_cache", None)
        if cached and cached[0] == key:
            return cached[1]
        try:
            model = Classifier.load(self.tagger_path)
        except ModelError:
            model = None
        self._tagger_cache = (key, model)
        return model

    def explain(self, changes: list[differ.Change]) -> differ.Meaning:
        """The meaning of these clause changes: the rules, with the trained model if there is one."""
        return differ.explain(changes, model=self.tagger())
