"""Known page noise, recognised before any text is compared.

Each function here answers one question about a page or a link: is this a bot challenge, is
this element invisible, what is this link's stable target. They are pure and small so that the
extractor reads as a list of steps.
"""

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that identify a visit, a campaign or a click, never a document.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hstc", "__hssc",
    "__hsfp", "hsctatracking", "mkt_tok", "vero_id", "vero_conv", "oly_anon_id", "oly_enc_id",
    "rb_clickid", "s_cid", "_ga", "_gl", "ref_src", "ref_url", "spm", "scid", "srsltid",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "matomo_", "hsa_", "ga_")

_CF_EMAIL_PATH = "/cdn-cgi/l/email-protection"


def clean_url(href: str, base: str = "", extra_params=()) -> str:
    """A link target made absolute, without tracking parameters, e-mail protection decoded."""
    href = href.strip()
    if _CF_EMAIL_PATH in href and "#" in href:
        email = decode_cf_email(href.rsplit("#", 1)[1])
        if email:
            return "mailto:" + email
    if base:
        try:
            href = _join(base, href)
        except ValueError:
            return href
    parts = urlsplit(href)
    if not parts.query or parts.scheme not in ("http", "https", ""):
        return href
    extra = {p.lower() for p in extra_params}
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _is_tracking(k.lower(), v, extra)]
    return urlunsplit(parts._replace(query=urlencode(kept, doseq=True)))


def _join(base: str, href: str) -> str:
    """urljoin. A link with a host, or a path from the root ("/privacy"), resolves against the
    base's scheme and host alone (urljoin reads neither the base's path nor its query then), so
    it is remembered by those: a site's pages share their navigation and footer, each page under
    its own URL, and urljoin was most of the cost of a link. The link is read by urlsplit, as
    urljoin reads it: "/\t/" is "//" (tabs deleted), no path, which takes the base's."""
    target = urlsplit(href)
    if target.netloc or target.path[:1] == "/":
        origin = urlsplit(base)
        if origin.scheme in ("http", "https") and origin.netloc:
            return _join_at_root(f"{origin.scheme}://{origin.netloc}/", href)
    return urljoin(base, href)


@lru_cache(maxsize=4096)
def _join_at_root(root: str, href: str) -> str:
    return urljoin(root, href)


def _is_tracking(name: str, value: str, extra: set[str]) -> bool:
    # A bare number as a parameter name ("file.pdf?1653379842366") is a cache buster.
    cache_buster = (name.isdigit() and not value) or (name == "_" and value.isdigit())
    return (cache_buster or name in TRACKING_PARAMS or name in extra
            or name.startswith(TRACKING_PREFIXES))


def decode_cf_email(encoded: str) -> str:
    """Cloudflare's e-mail protection: hex bytes XOR-ed with the first byte; '' if malformed."""
    try:
        data = bytes.fromhex(encoded.strip())
    except ValueError:
        return ""
    if len(data) < 2:
        return ""
    key = data[0]
    try:
        return bytes(b ^ key for b in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return ""


_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)",
                           re.IGNORECASE)


_PANEL_CLASS = re.compile(r"collaps|accordion|tab-?pane|tab-?content|panel|toggle|expand|sanfona",
                          re.IGNORECASE)


def is_collapsed_panel(element, controlled_ids: set[str]) -> bool:
    """A folded accordion or inactive tab: hidden until a reader opens it, but policy text."""
    attrib = element.attrib
    return (attrib.get("id", "") in controlled_ids or "aria-labelledby" in attrib
            or attrib.get("role") in ("tabpanel", "region")
            or bool(_PANEL_CLASS.search(attrib.get("class", ""))))


def is_hidden(element) -> bool:
    """Invisible to a reader: `hidden`, `aria-hidden="true"` or an inline display:none."""
    attrib = element.attrib
    if "hidden" in attrib:
        return True
    if attrib.get("aria-hidden", "").strip().lower() == "true":
        return True
    style = attrib.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


# Bot challenges and interstitials. Several vendors inject challenge scripts into every normal
# page too (Cloudflare's /cdn-cgi/challenge-platform/, Incapsula's _Incapsula_Resource), so the
# markers below are phrases a reader sees, or markup that only a challenge page carries; and a
# page with a lot of text is a real page whatever its scripts.
_CHALLENGE_TITLES = re.compile(
    r"just a moment|attention required|access denied|security check|are you a robot|"
    r"verify(?:ing)? (?:you are|that you are) (?:a )?human|human verification|ddos-guard|"
    r"pardon our interruption|please wait while we|checking your browser|bot verification|"
    r"request unsuccessful|robot check|one more step",
    re.IGNORECASE,
)
_CHALLENGE_TEXT = re.compile(
    r"checking (?:if the site connection is secure|your browser before accessing)|"
    r"enable javascript and cookies to continue|verify (?:that )?you are (?:a )?human|"
    r"(?:are|is) not a robot|press (?:&|and) hold|incapsula incident id|"
    r"request unsuccessful\. incapsula|ray id:|performance & security by cloudflare|"
    r"ddos protection by|why have i been blocked|complete the security check|"
    r"please (?:complete|solve) the (?:captcha|challenge)|unusual traffic from your computer|"
    r"access to this page has been denied|please enable cookies|"
    r"to continue, please type the characters",
    re.IGNORECASE,
)
_CHALLENGE_MARKUP = re.compile(
    r"cf-browser-verification|cf_chl_opt|cf-challenge|challenge-form|id=\"challenge-|"
    r"g-recaptcha|h-captcha|hcaptcha\.com|px-captcha|captcha-delivery\.com|geo\.captcha|"
    r"_Incapsula_Resource\?SWUDNSAI|main-iframe.*Incapsula|sec-if-cpt|awswaf",
    re.IGNORECASE,
)
# A challenge page says little; a policy page says a lot. Above this much visible text a page is
# not treated as a challenge even if it embeds a captcha (a contact form, say).
CHALLENGE_MAX_TEXT = 2000


def challenge_reason(title: str, text: str, html: str) -> str | None:
    """Why the page looks like a bot challenge or interstitial, or None."""
    if len(text) > CHALLENGE_MAX_TEXT:
        return None
    for where, pattern, value in (("title", _CHALLENGE_TITLES, title),
                                  ("text", _CHALLENGE_TEXT, text),
                                  ("markup", _CHALLENGE_MARKUP, html)):
        m = pattern.search(value)
        if m:
            return f"bot challenge page ({where}: {m.group(0)!r})"
    return None
