"""differ.meaning.tag_change tags a side once when both sides are the same words under the same
innermost headings, as many as `tag` reads (a clause moved, a heading's level changed): the tags
must be those that tagging each side gives."""

import differ
from differ import tag
from differ.meaning import tag_change
from differ.tags import SECTION_HEADINGS

OLD = ("# Privacy\n\n## What we share\n\n- We share your e-mail address with advertisers.\n"
       "- We keep your name.\n\n## Security\n\nWe may sell your location data.\n\nWe use TLS.\n\n"
       "## Your choices\n\nYou may opt out.\n")
NEW = ("# Privacy\n\n## What we share\n\n- We keep your name.\n"
       "- We share your e-mail address with advertisers.\n\n## Security\n\nWe use TLS.\n\n"
       "## Your choices\n\nYou may opt out.\n\nWe may sell your location data.\n")


def test_a_moved_clause_gets_the_tags_each_side_would_get():
    changes = differ.compare(OLD, NEW).changes
    assert [c.kind for c in changes].count("moved") >= 2
    same_place = [c for c in changes if c.kind == "moved" and c.section == c.old_section]
    other_place = [c for c in changes if c.kind == "moved" and c.section != c.old_section]
    assert same_place and other_place  # both ways through tag_change
    for change in changes:
        pair = tag_change(change)
        assert pair["old"] == tag(change.old, change.old_section or change.section)
        assert pair["new"] == tag(change.new, change.section)
    # Another section heading can give other tags: there, each side is tagged on its own.
    moved = other_place[0]
    assert tag(moved.new, moved.section) != tag(moved.old, moved.old_section)
    assert tag_change(moved)["new"] != tag_change(moved)["old"]


# Three headings deep: the clause moves to the same two innermost headings under another outer one.
DEEP_OLD = ("# Security\n\n## Partners\n\n### Details\n\nWe give your e-mail address to partners.\n\n"
            "We use TLS.\n\n# Your choices\n\n## Partners\n\n### Details\n\nYou may opt out.\n")
DEEP_NEW = ("# Security\n\n## Partners\n\n### Details\n\nWe use TLS.\n\n# Your choices\n\n## Partners\n\n"
            "### Details\n\nYou may opt out.\n\nWe give your e-mail address to partners.\n")


def test_a_clause_moved_under_another_outer_heading_gets_the_tags_each_side_would_get():
    moved = [c for c in differ.compare(DEEP_OLD, DEEP_NEW).changes if c.kind == "moved"]
    assert len(moved) == 1
    change = moved[0]
    assert len(change.section) > SECTION_HEADINGS
    assert change.section[-SECTION_HEADINGS:] == change.old_section[-SECTION_HEADINGS:]
    assert change.section != change.old_section
    # The outer headings name other practices: were they read, the two sides' tags would differ.
    assert tag(change.new, change.section[:1]) != tag(change.old, change.old_section[:1])
    pair = tag_change(change)
    assert pair["old"] == tag(change.old, change.old_section)
    assert pair["new"] == tag(change.new, change.section)
