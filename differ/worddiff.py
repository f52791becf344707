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
    # The common head and tail (cut at a space, so no word is cut) are one token each: most
    # clause edits touch a few words, and tokenizing the rest would be most of the cost.
    head = old.rfind(" ", 0, _dmp.diff_commonPrefix(old, new)) + 1
    tail = _dmp.diff_commonSuffix(old[head:], new[head:])
    cut_old = old.find(" ", len(old) - tail) if tail else -1
    cut_old = len(old) if cut_old == -1 else cut_old
    cut_new = len(new) - (len(old) - cut_old)
    codes: dict[str, str] = {}

    def encode(tokens) -> str:
        chars = []
        for token in tokens:
            char = codes.get(token)
            if char is None:
                char = codes[token] = _code(len(codes))
            chars.append(char)
        return "".join(chars)

    old_chars = encode(_tokens(old, head, cut_old))
    new_chars = encode(_tokens(new, head, cut_new))
    diffs = _dmp.diff_main(old_chars, new_chars, False)
    _dmp.diff_cleanupSemantic(diffs)
    decode = {char: token for token, char in codes.items()}
    return [(op, "".join(decode[char] for char in chunk)) for op, chunk in diffs if chunk]


def _tokens(text: str, head: int, cut: int) -> list[str]:
    """The tokens of `text`, its first `head` characters and those from `cut` on as one each."""
    tokens = TOKEN.findall(text, head, cut)
    if head:
        tokens.insert(0, text[:head])
    if cut < len(text):
        tokens.append(text[cut:])
    return tokens


def common_length(old: list[str], new: list[str]) -> int:
    """How many tokens two token lists have in common, in order (diff-match-patch, not cleaned up)."""
    head = _dmp.diff_commonPrefix(old, new)
    tail = _dmp.diff_commonSuffix(old[head:], new[head:])
    old, new = old[head:len(old) - tail], new[head:len(new) - tail]
    if not old or not new:
        return head + tail
    codes: dict[str, str] = {}
    old_chars = "".join(codes.setdefault(t, _code(len(codes))) for t in old)
    new_chars = "".join(codes.setdefault(t, _code(len(codes))) for t in new)
    middle = sum(len(chunk) for op, chunk in _dmp.diff_main(old_chars, new_chars, False) if op == 0)
    return head + tail + middle


def _code(index: int) -> str:
    """The character standing for the index-th distinct token: private-use code points."""
    if index < 0x1900:
        return chr(0xE000 + index)
    return chr(0xF0000 + index - 0x1900)
