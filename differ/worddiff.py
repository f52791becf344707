"""Word-level diff of two clauses with diff-match-patch.

Each word, run of spaces and punctuation mark becomes one character before diffing, so
diff-match-patch works on words (fast, and edits never cut a word in two). `Diff_Timeout = 0`:
with a timeout, results would depend on the machine's speed.
"""

import re

import diff_match_patch

TOKEN = re.compile(r"\w+|\s+|[^\w\s]")

_dmp = diff_match_patch.diff_match_patch()
_dmp.Diff_Timeout = 0


def word_diff(old: str, new: str) -> list[tuple[int, str]]:
    """[(op, text)] from `old` to `new`: op -1 removed, 0 kept, 1 added. Joining the texts of
    ops 0 and -1 gives `old` back, of ops 0 and 1 gives `new`."""
    codes: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        chars = []
        for token in TOKEN.findall(text):
            char = codes.get(token)
            if char is None:
                char = codes[token] = _code(len(words))
                words.append(token)
            chars.append(char)
        return "".join(chars)

    diffs = _dmp.diff_main(encode(old), encode(new), False)
    _dmp.diff_cleanupSemantic(diffs)
    decode = {char: token for token, char in codes.items()}
    return [(op, "".join(decode[char] for char in chunk)) for op, chunk in diffs if chunk]


def _code(index: int) -> str:
    """The character standing for the index-th distinct token: private-use code points."""
    if index < 0x1900:
        return chr(0xE000 + index)
    return chr(0xF0000 + index - 0x1900)
