"""Images in a policy: dropped by default; measured alternative: their alt text, never their src."""

import importlib

from crawler.extract import extract

extract_module = importlib.import_module("crawler.extract")

PAGE = """<div id="p"><p>Our offices <img src="/a.png?v=1" alt="  Map of   our offices "> are here.</p>
<img src="data:image/svg+xml,placeholder" data-lazy-src="/b.webp">
<ul><li>Item <img src="/c.png" alt="Logo"></li></ul></div>"""


def test_images_are_dropped_by_default_whatever_their_alt_text():
    assert extract(PAGE, select="#p") == "Our offices are here.\n\n- Item"


def test_with_alt_text_an_image_is_its_normalized_alt_and_never_its_src(monkeypatch):
    monkeypatch.setattr(extract_module, "KEEP_IMAGE_ALT", True)
    text = extract(PAGE, select="#p")
    assert text == "Our offices ![Map of our offices] are here.\n\n- Item ![Logo]"
    lazy = PAGE.replace('src="/a.png?v=1"', 'src="data:image/gif;base64,R0lGOD"')
    assert extract(lazy, select="#p") == text
