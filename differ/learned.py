"""A learned clause tagger: TF-IDF over words and word pairs, one logistic regression per
category (one-vs-rest), trained from labelled clauses with scikit-learn.

    >>> model = train(["We sell your data.", "We keep logs for a year."],           # doctest: +SKIP
    ...               [{"third-party-sharing"}, {"data-retention"}])
    >>> model.save("policywatch.db.tagger.json")                                    # doctest: +SKIP
    >>> Classifier.load("policywatch.db.tagger.json").predict("We sell logs.")    # doctest: +SKIP

Only `train` needs scikit-learn (imported when called). A trained model is stored as JSON
(vocabulary, idf weights, coefficients) and applied here in plain Python: loading a model runs
no code (a pickle would), needs no scikit-learn, and keeps `differ` pure.
"""

import json
import math
import re
from pathlib import Path

from .lexicon import CATEGORIES
from .tags import normal_text as _normal

FORMAT = "policywatch-tagger/1"
THRESHOLD = 0.5  # probability above which the model assigns a category
_WORD = re.compile(r"\w\w+")


class ModelError(Exception):
    """The tagger model cannot be trained, read or used."""


class MissingScikitLearn(ModelError):
    """Training the tagger needs scikit-learn: pip install 'policywatch[ml]'"""


def tokens(text: str) -> list[str]:
    """Lower-cased words and adjacent word pairs: "do not sell" keeps its "not sell"."""
    words = _WORD.findall(_normal(text).lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


class Classifier:
    """A trained model: for a clause, the probability of each category it was trained on."""

    def __init__(self, data: dict):
        if data.get("format") != FORMAT:
            raise ModelError(f"not a policywatch tagger model (format {data.get('format')!r})")
        self.vocabulary: dict[str, int] = data["vocabulary"]
        self.idf: list[float] = data["idf"]
        self.models: dict[str, dict] = data["categories"]  # category -> {"coef": [...], "intercept": x}
        self.trained_on: int = data.get("trained_on", 0)
        self.data = data

    @property
    def categories(self) -> list[str]:
        return [c for c in CATEGORIES if c in self.models]

    def _vector(self, text: str) -> dict[int, float]:
        # The same arithmetic as TfidfVectorizer(sublinear_tf=True, norm="l2"): 1 + log(tf)
        # times idf, scaled to unit length.
        counts: dict[int, int] = {}
        for token in tokens(text):
            if (index := self.vocabulary.get(token)) is not None:
                counts[index] = counts.get(index, 0) + 1
        vector = {i: (1 + math.log(n)) * self.idf[i] for i, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {i: v / norm for i, v in vector.items()}

    def probabilities(self, text: str) -> dict[str, float]:
        vector = self._vector(text)
        result = {}
        for category in self.categories:
            model = self.models[category]
            z = model["intercept"] + sum(model["coef"][i] * v for i, v in vector.items())
            result[category] = 1 / (1 + math.exp(-z)) if z > -700 else 0.0
        return result

    def predict(self, text: str, threshold: float = THRESHOLD) -> dict[str, float]:
        """The categories above the threshold, with their probability."""
        return {c: p for c, p in self.probabilities(text).items() if p >= threshold}

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        try:
            tmp.write_text(json.dumps(self.data, separators=(",", ":")), encoding="utf-8")
            tmp.replace(path)  # whole or not at all: a daemon may be reading it
        except OSError as e:
            raise ModelError(f"cannot write the tagger model {path}: {e.strerror}") from None
        return path

    @classmethod
    def load(cls, path: str | Path) -> "Classifier":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls(data)
        except OSError as e:
            raise ModelError(f"cannot read the tagger model {path}: {e.strerror}") from None
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise ModelError(f"{path} is not a policywatch tagger model: {e}") from None


def train(texts: list[str], labels: list[set[str]]) -> Classifier:
    """Fit TF-IDF and one logistic regression per category having both positive and negative
    examples (a category never or always labelled cannot be learned, and is left to the rules)."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise MissingScikitLearn(MissingScikitLearn.__doc__) from None
    if len(texts) != len(labels) or not texts:
        raise ModelError("training needs labelled clauses")
    vectorizer = TfidfVectorizer(analyzer=tokens, sublinear_tf=True, norm="l2")
    matrix = vectorizer.fit_transform(texts)
    categories = {}
    for category in CATEGORIES:
        y = [int(category in label) for label in labels]
        if 0 < sum(y) < len(y):
            # balanced: a category in 3 clauses out of 300 still weighs as much as the rest
            model = LogisticRegression(C=10.0, class_weight="balanced", solver="liblinear").fit(matrix, y)
            categories[category] = {"coef": [round(float(w), 6) for w in model.coef_[0]],
                                    "intercept": float(model.intercept_[0])}
    vocabulary = {term: int(i) for term, i in vectorizer.vocabulary_.items()}
    return Classifier({
        "format": FORMAT, "trained_on": len(texts), "vocabulary": vocabulary,
        "idf": [float(x) for x in vectorizer.idf_], "categories": categories,
    })
