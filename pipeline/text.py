"""Text hygiene shared by every stage: NFC, XML-safe characters, matching keys, and the
{placeholder} syntax of clerk-written text."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

# Characters XML 1.0 forbids (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/FFFF).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NONCHAR_ESCAPE = re.compile(r"_x[Ff]{3}[EeFf]_")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_SYLLABLE = re.compile(r"\w+")
_VOWELS = set("aeiouyAEIOUY")


def dropped_characters(text: str) -> list[str]:
    """The characters `clean` drops from `text` (controls, U+FFFE/U+FFFF), as 'U+0007'."""
    found = [f"U+{ord(ch):04X}" for ch in XML_ILLEGAL.findall(text)]
    found += [f"U+{m.group(0)[2:6].upper()}" for m in _NONCHAR_ESCAPE.finditer(text)]
    return sorted(set(found))


def clean(value: object) -> str:
    """Cell value → text as it should appear in a document.

    NFC (text pasted from PDFs or Macs is often decomposed), CR/LF → LF (Alt+Enter in
    Excel), XML-illegal controls dropped, outer whitespace trimmed. Inner spacing,
    non-breaking spaces and punctuation are kept exactly.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not text.isprintable():  # most cells are; skip the regex for them
        text = XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "_x" in text or "_X" in text:
        # xlsx stores U+FFFE/U+FFFF as _xFFFE_/_xFFFF_ and calamine leaves them escaped;
        # they are not characters a document can hold, so they go like the controls.
        text = _NONCHAR_ESCAPE.sub("", text)
    if text.isascii():  # nothing to compose; most codes and numbers
        return text.strip()
    return unicodedata.normalize("NFC", text).strip()


def _canonical_tone(syllable: str) -> str:
    # Old ("hòa") and new ("hoà") tone placement differ only in which vowel carries
    # the mark. Putting the mark on the syllable's first vowel gives one spelling for
    # both; the result stays precomposed NFC letters, so regex word boundaries work.
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [ch for ch in decomposed if ch in _TONES]
    if not tones:
        return syllable
    chars = [ch for ch in decomposed if ch not in _TONES]
    for i, ch in enumerate(chars):
        if ch in _VOWELS:
            j = i + 1
            while j < len(chars) and unicodedata.combining(chars[j]):
                j += 1  # keep the vowel's own breve/circumflex/horn before the tone
            chars[j:j] = tones[:1]
            break
    return unicodedata.normalize("NFC", "".join(chars))


@functools.lru_cache(maxsize=65536)
def _match_key(text: str) -> str:
    if text.isascii():
        return " ".join(text.casefold().split())
    text = clean(text).casefold()
    text = _SPACES.sub(" ", text.replace("\n", " ")).strip()
    return _SYLLABLE.sub(lambda m: _canonical_tone(m.group(0)), text)


def match_key(value: object) -> str:
    """A key for comparing names typed by people: case, spacing, NFD/NFC and tone
    placement (Hòa/Hoà) do not matter; letters and tones otherwise do."""
    if value is None:
        return ""
    # Names repeat thousands of times in a workbook (units, statuses, sections): cache.
    return _match_key(value if isinstance(value, str) else str(value))


def header_key(value: object) -> str:
    """Key for matching column headers and field names: `match_key` without
    surrounding punctuation such as a trailing colon."""
    return match_key(value).strip(" :.*")


def strip_accents(value: str) -> str:
    """ASCII-ish form for file names and suggestions (đ → d)."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# {name} placeholders in clerk-written text; "{{" and "}}" are literal braces.
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}\n]{1,60})\}")


def placeholders(template: str) -> list[str]:
    return [m.group(1).strip() for m in PLACEHOLDER.finditer(template) if m.group(1)]


def expand(template: str, lookup: Callable[[str], str | None]) -> str:
    """Replace each {name} by lookup(name); unknown names are left as typed (validation
    has already reported them)."""

    def sub(m: re.Match[str]) -> str:
        token = m.group(0)
        if token in ("{{", "}}"):
            return token[0]
        value = lookup(m.group(1).strip())
        return token if value is None else value

    return PLACEHOLDER.sub(sub, template)
