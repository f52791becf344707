"""What a clause of a policy is about: data-practice categories, data types, and polarity.

    >>> from differ.tags import tag
    >>> t = tag("We do not sell your personal information to advertisers.")
    >>> t.categories, t.negated
    (('third-party-sharing',), True)

Rules (differ/lexicon.py), so every tag comes with the phrase that triggered it; with a trained
model (differ/learned.py), the categories it predicts are added to the rules' (a union), their
evidence being the model's probability.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon
from .prefilter import Rules

# How many of the headings above a clause `tag` reads, innermost first: the nearest names the
# practice ("What we collect" › "Contact details"); outer ones (the policy's title) name too
# much. One name, because differ.meaning.tag_change reuses a side's tags when these headings
# are the same: reading more here without it would give a moved clause stale tags.
SECTION_HEADINGS = 2

@dataclass(frozen=True)
class Evidence:
    """The phrase of a clause (or of its section heading) that triggered a tag."""

    tag: str  # a category, a data type, or "negated"
    kind: str  # category | data-type | negation
    text: str  # the matched phrase
    where: str = "clause"  # clause | section | model (then `text` is the probability, "p=0.83")

    def to_dict(self) -> dict:
        return {"tag": self.tag, "kind": self.kind, "text": self.text, "where": self.where}


@dataclass(frozen=True)
class Tags:
    """The tags of one clause, in the order of lexicon.CATEGORIES and lexicon.DATA_TYPES."""

    categories: tuple[str, ...] = ()
    data_types: tuple[str, ...] = ()
    negated: bool = False
    evidence: tuple[Evidence, ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "categories": list(self.categories),
            "data_types": list(self.data_types),
            "negated": self.negated,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def normal_text(text: str) -> str:
    """NFKC, Markdown emphasis and link targets dropped, single spaces: what rules are matched on."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\bhttps?://\S+|\bwww\.\S+", " ", text)
    text = re.sub(r"[*_`\[\]]+", "", text)
    return " ".join(text.split())


def _first(patterns, text: str) -> list[tuple[str, str]]:
    """(pattern, matched phrase) for each pattern that matches `text`."""
    # tag() runs on every changed clause of a crawl, ~250 rules each: only the rules whose
    # required strings are in the clause (differ.prefilter) are searched.
    return list(_rule_list(patterns).matches(text))


_LISTS: dict[int, tuple[list, Rules]] = {}


def _rule_list(patterns: list[str]) -> Rules:
    """A list of rules, compiled and indexed once (the lexicon's lists live as long as the
    process), looked up by identity, not once per rule."""
    cached = _LISTS.get(id(patterns))
    if cached is None or cached[0] is not patterns:
        cached = _LISTS[id(patterns)] = (patterns, Rules(patterns))
    return cached[1]


def tag(text: str, section: list[str] | tuple[str, ...] = (), model=None) -> Tags:
    """Tag one clause. `section`, the headings above it, adds the practice a heading names
    (a bare list item under "What we collect" is about collection). `model`, a trained
    `differ.learned.Classifier`, adds the categories it predicts to those of the rules."""
    clause = normal_text(text)
    evidence: list[Evidence] = []
    categories = []
    weak_only = set()
    other_hits = _first(lexicon.CATEGORY_RULES["other"], clause)
    intro = _strong_other(clause, other_hits)
    # An introduction names the practices the policy covers ("how we use and share it") without
    # describing one: the rules read it without those topics.
    read = clause
    low = clause.lower()
    know_item = ("categor" in low or "commercial" in low) and _compiled(lexicon.KNOW_ITEM).search(clause)
    if intro or ("right" in low or "request" in low) and _compiled(lexicon.RIGHT_TO_KNOW).search(clause):
        # A right to request that we disclose "how we have collected, used and shared" names topics.
        read = _compiled(lexicon.INTRO_TOPIC).sub(" ", read)
    for category in lexicon.CATEGORIES:
        hits = other_hits if category == "other" else _first(lexicon.CATEGORY_RULES[category], read)
        strong = [h for h in hits if not isinstance(h[0], lexicon.Weak)]
        if (category == "specific-audiences" and strong
                and all(_compiled(lexicon.PLACE_NAME).match(phrase) for _, phrase in strong)
                and _compiled(lexicon.POSTAL_ADDRESS).search(clause)):
            # "1601 S. California Ave, Palo Alto": where a company is, not whom it addresses.
            strong = []
            hits = [h for h in hits if isinstance(h[0], lexicon.Weak)]
        if strong or _distinct(hits) >= 2:
            categories.append(category)
            evidence.extend(Evidence(category, "category", phrase) for _, phrase in (strong or hits)[:3])
            if not strong:
                weak_only.add(category)
    if "first-party-collection" in weak_only and any(c in categories for c in lexicon.PURPOSE_OF_OTHER):
        # "as long as necessary to fulfil the purposes", "ad networks may collect … to deliver
        # ads": purpose words alone serve the retention, sharing, … the clause is about.
        categories.remove("first-party-collection")
        evidence = [e for e in evidence if e.tag != "first-party-collection"]
    if "specific-audiences" in categories and "first-party-collection" in categories and all(
            _compiled(lexicon.NOT_KNOWINGLY).search(e.text) or e.text.lower() in ("collect", "collection")
            for e in evidence if e.tag == "first-party-collection"):
        # "We do not knowingly collect information from children under 13": OPP-115 gives the
        # children's paragraph its audience; the denied collection is how it states the rule.
        categories.remove("first-party-collection")
        evidence = [e for e in evidence if e.tag != "first-party-collection"]
    if any(e.tag == "user-access" and ("right" in e.text.lower() or "no longer" in e.text)
           or e.tag == "user-choice" and _compiled(lexicon.RIGHT_ON_AUTOMATED).search(e.text) for e in evidence):
        # "You have the right to receive your data … where the processing is based on your
        # consent": the conditions of a right are no choice or collection of their own.
        for category, condition in lexicon.CONDITION_OF_RIGHT.items():
            if category in categories and all(_compiled(condition).search(e.text)
                                              for e in evidence if e.tag == category):
                categories.remove(category)
                evidence = [e for e in evidence if e.tag != category]
    if ("data-retention" in categories and "user-access" in categories
            and all(_compiled(lexicon.ACCOUNT_DELETION).search(e.text) for e in evidence if e.tag == "user-access")
            and _compiled(lexicon.ACCOUNT_DELETION_WHEN).search(clause)):
        # "We delete this data when you delete your account": when data is deleted, not access.
        categories.remove("user-access")
        evidence = [e for e in evidence if e.tag != "user-access"]
    if know_item:
        # "The categories of personal information that we have disclosed to third parties": an
        # item of what a consumer may ask to know (besides the disclosure it names). A business
        # purpose "for collecting, selling or sharing", the sources from which it "is collected",
        # are no collection of their own.
        categories = [c for c in categories if c != "other"
                      and not (c == "first-party-collection" and ("collect" in know_item.group(0).lower()
                                                                or "sources" in know_item.group(0).lower()))]
        evidence = [e for e in evidence if e.tag in categories]
        if "user-access" not in categories:
            categories.append("user-access")
            evidence.append(Evidence("user-access", "category", know_item.group(0).strip()))
    if _is_heading(clause) and (named := _heading_practices(clause)):
        # A heading alone ("Your Choices", "Contact Us", "Security") is a short segment of its
        # own: it is about the practice it names, whatever its words mean in a sentence.
        categories = [c for c, _ in named]
        evidence = [Evidence(c, "category", phrase) for c, phrase in named]
    if "do-not-track" in categories:
        # OPP-115 gives a Do-Not-Track paragraph that category (and its audience) alone: its
        # "browser settings", "we receive" and "collection" describe the signal, not a practice.
        # Third parties' tracking, which such a paragraph often discloses too, stays sharing.
        categories = [c for c in categories if c in ("do-not-track", "specific-audiences")]
        evidence = [e for e in evidence if e.tag in categories]
        if tracking := _compiled(lexicon.THIRD_PARTY_TRACKING).search(clause):
            categories.append("third-party-sharing")
            evidence.append(Evidence("third-party-sharing", "category", tracking.group(0)))
    if (len(clause) < 300 and _SCOPE_HINT.search(clause)
            and (scope := _compiled(lexicon.OUT_OF_SCOPE).search(clause))):
        # "This policy does not apply to information you provide by phone": scope, not practice.
        categories = ["other"]
        evidence = [e for e in evidence if e.tag == "other"] or [Evidence("other", "category", scope.group(0))]
    for heading in reversed(section[-SECTION_HEADINGS:]):
        for category, phrase in _heading_practices(heading):
            if category not in categories and category != "other":
                categories.append(category)
                evidence.append(Evidence(category, "category", phrase, "section"))
    # Union with the model: rules are precise where they fire, the model covers phrasings the
    # lexicon lacks. Its "other" counts only when nothing specific was found.
    learned = model.predict(text) if model is not None else {}
    for category, p in learned.items():
        if category not in categories and category != "other":
            categories.append(category)
            evidence.append(Evidence(category, "category", f"p={p:.2f}", "model"))
    if "other" in categories and len(categories) > 1 and not intro:
        categories.remove("other")
        evidence = [e for e in evidence if e.tag != "other"]
    # Matched once: the data types decide a category here and give their evidence below.
    type_hits = {d: hits for d in lexicon.DATA_TYPES if (hits := _first(lexicon.DATA_TYPE_RULES[d], clause))}
    data_types = list(type_hits)
    if (not categories and data_types and not intro and not _compiled(lexicon.ADDRESS).search(clause)
            and not _compiled(lexicon.TERMS_WORDS).search(clause)
            and not _compiled(lexicon.DEFINED_FEATURE).search(clause)):
        # A clause that only names kinds of personal data ("Biometric information, such as
        # faceprint;", "at least one profile picture") is, in a policy, a list of what is
        # collected: OPP-115 annotators label it first-party-collection. Not in the words of
        # terms of service: "these messages are binding and private" is a term, not a list.
        categories.append("first-party-collection")
        evidence.append(Evidence("first-party-collection", "category", "(names personal data)"))
    if not categories:
        categories.append("other")
        if "other" in learned:
            evidence.append(Evidence("other", "category", f"p={learned['other']:.2f}", "model"))
    for data_type, hits in type_hits.items():
        evidence.extend(Evidence(data_type, "data-type", phrase) for _, phrase in hits[:3])
    negations = _first(lexicon.NEGATION_RULES, clause)
    phrases = [phrase for _, phrase in negations]
    evidence.extend(Evidence("negated", "negation", p) for p in phrases  # "not sell" is inside "do not sell"
                    if not any(p != q and p.lower() in q.lower() for q in phrases))
    order = {c: i for i, c in enumerate(lexicon.CATEGORIES)}
    return Tags(tuple(sorted(categories, key=order.__getitem__)), tuple(data_types), bool(negations),
                tuple(evidence))


# Words OUT_OF_SCOPE cannot match without: most clauses are not searched with it.
_SCOPE_HINT = re.compile(r"not |n['’]t |longer", re.IGNORECASE)


@lru_cache(maxsize=1024)  # the clauses of a section share its headings
def _heading_practices(heading: str) -> tuple[tuple[str, str], ...]:
    """(category, matched phrase) for each practice a heading names (`other`: "Contact Us")."""
    heading = normal_text(heading)
    return tuple((category, m.group(0)) for category, pattern in lexicon.SECTION_RULES.items()
                 if (m := _compiled(pattern).search(heading)))


def _distinct(hits: list[tuple[str, str]]) -> int:
    """How many hits matched different words: two weak rules that matched the same words
    ("information you provide", "you provide") are one clue, not two."""
    phrases = [phrase.lower() for _, phrase in hits]
    return sum(not any(p != q and p in q for q in phrases) for p in set(phrases))


def _is_heading(clause: str) -> bool:
    """A title rather than a sentence: a few words, no closing punctuation."""
    return len(clause) <= 60 and clause.count(" ") < 8 and not clause.endswith((".", ";", ",", "!", "?"))


def _strong_other(clause: str, other_hits: list[tuple[str, str]]) -> bool:
    """Introductions and contact details stay `other` even when they name practices in passing.
    `other_hits`, the clause's hits of the `other` rules: STRONG_OTHER's patterns that are among
    those rules are looked up there, not searched again."""
    matched = {pattern for pattern, _ in other_hits}
    return any(p in matched if p in _OTHER_RULES else _compiled(p).search(clause) for p in lexicon.STRONG_OTHER)


_OTHER_RULES = frozenset(lexicon.CATEGORY_RULES["other"])
