"""differ.meaning.tag_change tags a side once when both sides are the same words under the same
two innermost headings (a clause moved, a heading's level changed): the tags must be those that
tagging each side gives."""

import differ
from differ import tag
from differ.meaning import tag_change

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
