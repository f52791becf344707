"""differ.prefilter with every set of strings a rule needs: a rule is a candidate only when the
text holds a string of each (tests/test_differ_prefilter.py checks that no match is lost)."""

from differ.prefilter import Literals, required_sets


def test_a_rule_needs_a_string_of_each_of_its_sets():
    rule = r"\b(?:do|does) not (?:sell|share)\b(?: your (?:data|information))?"
    # (the parser factors "s" out of "sell|share": the first set is " not s")
    assert sorted(map(sorted, required_sets(rule))) == [[" not s"], ["ell", "hare"]]
    literals = Literals([rule])
    assert sorted(literals.index) == [" no"]  # by the smallest set alone
    assert literals.candidates("We do not share it.") == [0]
    # The indexed string alone (" not s" of "not store") does not make a candidate any more.
    assert literals.candidates("We do not store it.") == []
    assert literals.candidates("We share it.") == []
    # The optional part needs nothing: "your data" is not required.
    assert literals.candidates("We do not sell.") == [0]


def test_a_rule_without_strings_is_always_a_candidate():
    assert required_sets(r"\b(?:EU|UK)\b") == []
    assert Literals([r"\b(?:EU|UK)\b"]).candidates("nothing") == [0]
