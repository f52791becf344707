"""The comparison forms of a clause. Stored text stays exact; these are only for comparing.

- `normalize`: what a reader would call the same text (NFKC, straight quotes, plain dashes,
  no zero-width or soft-hyphen characters, no Markdown backslash escapes, single spaces).
- `fingerprint`: `normalize` without the leading numbering, so that renumbered clauses match.
- `cosmetic_key`: `fingerprint` without case, punctuation and Markdown emphasis: two clauses with
  the same key differ only cosmetically.
"""

import re
import unicodedata

# Characters that change nothing a reader sees: deleted.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"))
# Typographic quotes and dashes: the plain ASCII form.
_TYPOGRAPHY = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
})
_TABLE = {**_INVISIBLE, **_TYPOGRAPHY}
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# "3.2", "3.", "3)", "(3)", "(a)", "a)", "a.", "iv.", "(iv)": numbering that an insertion shifts.
NUMBERING = re.compile(
    r"^(?:\d+(?:\.\d+)+\.?|\d+[.)]|\(\d+\)|\(?[A-Za-z][.)]|\(?[ivxlcdmIVXLCDM]+[.)]|\([A-Za-z]+\))(?=\s)"
)
_WORD = re.compile(r"[^\W_]+")  # letters and digits: what is left without punctuation


def normalize(text: str) -> str:
    """The form two clauses are compared in (see the module docstring)."""
    if not text.isascii():  # ASCII is its own NFKC form, and has nothing to translate
        text = unicodedata.normalize("NFKC", text).translate(_TABLE)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())


def strip_numbering(text: str) -> str:
    """`text` without its leading numbering ("3.2", "(a)", "iv.")."""
    head = text[:12]
    if "." not in head and ")" not in head:  # no numbering can end there: skip the pattern
        return text
    return NUMBERING.sub("", text, count=1).lstrip()


def fingerprint(text: str) -> str:
    """Equal for clauses that are the same text, whatever their numbering."""
    return strip_numbering(normalize(text))


def cosmetic_key(text: str) -> str:
    """Equal for clauses that differ only in case, punctuation, whitespace or quote style."""
    return " ".join(_WORD.findall(fingerprint(text).casefold()))
