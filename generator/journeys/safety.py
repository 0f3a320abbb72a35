"""The rules that keep user text inert: which characters it may carry, which links it may make.

Validation rejects what breaks these rules with a located issue; the SVG writer, the page
templates and the Markdown renderer apply the same rules again where text becomes markup,
so a value that never went through validation (a theme label, a config value) stays inert.
"""

from __future__ import annotations

import re

# -- characters -------------------------------------------------------------------------

#: Code point ranges user text may not carry: C0 controls other than tab, LF and CR and the
#: non-characters U+FFFE/U+FFFF and lone surrogates are not XML 1.0 characters (an SVG or
#: page holding one is invalid); DEL and the C1 controls are legal XML but invisible terminal
#: codes (ESC sequences pasted from a log), and YAML refuses them raw in a file.
_FORBIDDEN_RANGES = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F), (0xD800, 0xDFFF), (0xFFFE, 0xFFFF))
_FORBIDDEN_CLASS = "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in _FORBIDDEN_RANGES)
FORBIDDEN_CHARACTER = re.compile(f"[{_FORBIDDEN_CLASS}]")

#: ``str.translate`` table that drops every forbidden character.
_DROP_FORBIDDEN: dict[int, str | None] = {
    code: None for low, high in _FORBIDDEN_RANGES for code in range(low, high + 1)
}
#: ... and also writes the five markup characters as entities.
_XML_ESCAPES: dict[int, str | None] = {
    **_DROP_FORBIDDEN,
    ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#39;",
}  # fmt: skip
_NEEDS_XML_ESCAPING = re.compile(f"[&<>\"'{_FORBIDDEN_CLASS}]")


def without_forbidden(text: str) -> str:
    """``text`` without the characters user text may not carry (for writers that escape the rest)."""
    return text.translate(_DROP_FORBIDDEN) if FORBIDDEN_CHARACTER.search(text) else text


def xml_escape(text: str) -> str:
    """``text`` as XML character data or attribute value: markup characters become entities,
    forbidden characters are dropped."""
    # Most text needs no change; the search is much cheaper than the translation.
    return text.translate(_XML_ESCAPES) if _NEEDS_XML_ESCAPING.search(text) else text


# -- links ------------------------------------------------------------------------------

#: The only schemes a link may use; relative links are allowed too.
SAFE_SCHEMES = ("http", "https", "mailto")
#: A URL scheme at the start of a URL (RFC 3986: a letter, then letters, digits, ``+.-``).
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
#: Browsers remove tabs and line breaks anywhere in a URL ('java\tscript:' is 'javascript:');
#: the other controls are removed too, because old browsers skipped them as well.
_DROPPED_BY_BROWSERS = re.compile("[\x00-\x1f\x7f]+")
#: ... and strip spaces around it. A space inside stays: 'java script:x' is a relative URL to
#: a browser, and 'Diary study: 9 students' must stay text rather than read as a scheme.
_STRIPPED_BY_BROWSERS = " "


def _as_browsers_read(url: str) -> str:
    return _DROPPED_BY_BROWSERS.sub("", url).strip(_STRIPPED_BY_BROWSERS)


def link_scheme(url: str) -> str | None:
    """The scheme (lowercase) a browser reads at the start of ``url``; ``None`` if it has none."""
    match = _SCHEME.match(_as_browsers_read(url))
    return match.group(1).lower() if match else None


def written_as_link(text: str) -> bool:
    """True when ``text`` is written as a URL: a scheme, then at once the rest (``tel:+44``).

    A URL never has a space right after its scheme's colon, while a label does
    ('Survey: 58% abandon'), so evidence such as that stays plain words.
    """
    squeezed = _as_browsers_read(text)
    match = _SCHEME.match(squeezed)
    return match is not None and not squeezed[match.end() : match.end() + 1].isspace()


def safe_href(url: str) -> str | None:
    """``url`` when it is an http(s), mailto or relative link; ``None`` otherwise."""
    squeezed = _as_browsers_read(url)
    if not squeezed:
        return None
    scheme = link_scheme(squeezed)
    if scheme is None:
        # Relative, unless a colon still comes before the path: a parser could read
        # whatever precedes it as a scheme, so such a URL is not linked at all.
        first_segment = re.split(r"[/?#]", squeezed, maxsplit=1)[0]
        return None if ":" in first_segment else url
    return url if scheme in SAFE_SCHEMES else None


def absolute_href(text: str) -> str | None:
    """``text`` as a link when it is an absolute http(s) or mailto URL; ``None`` otherwise.

    For fields that hold either a link or plain words (evidence): 'Usability test 3'
    would otherwise be a relative link.
    """
    return text.strip() if link_scheme(text) in SAFE_SCHEMES else None
