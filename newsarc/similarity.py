"""Pure: near-duplicate fingerprints of article bodies (MinHash of word shingles, LSH band keys).

Two bodies whose word 3-shingle sets have Jaccard similarity J agree on about a fraction J of
their MinHash values (one permutation hashing: one hash, many bins). The first BANDS x BAND_ROWS
values are cut into bands; articles that agree on a whole band share that band's key, so
candidates are found by key lookup, never by comparing all pairs. With 10 bands of 2 rows a
pair at J = 0.5 shares a key with probability 0.94, at J = 0.6 0.99, at J = 0.1 0.10;
candidates are then checked on all PERMUTATIONS values of the signature.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsarc.models import pickled_as_values

try:  # compiled from _minhash.c at install when a C compiler is at hand (setup.py)
    from newsarc import _minhash  # type: ignore[attr-defined]
except ImportError:  # plain Python and numpy: the same values, several times slower
    _minhash = None

if TYPE_CHECKING:
    import numpy as np


def _number(label: str) -> int:
    """A fixed 64-bit number named by `label`, the same on every machine and version."""
    return int.from_bytes(hashlib.blake2b(label.encode(), digest_size=8).digest(), "little")


BANDS = 10
BAND_ROWS = 2
PERMUTATIONS = 60  # signature values: more than the bands use, for a closer estimate
# Shorter bodies share too many shingles by chance (captions, one-line briefs): no fingerprint.
MIN_WORDS = 30
EMPTY_BIN = 0xFFFFFFFF  # a bin no shingle fell into (short bodies)
KEY_MASK = (1 << 63) - 1  # keys are positive 63-bit integers (SQLite's INTEGER)
WORD_BASE = 0x100000001B3  # odd, so it has an inverse mod 2**64
SHINGLE_FIRST, SHINGLE_SECOND = 0x9E3779B1, 0x85EBCA77  # a shingle's first and second words'
WORD_MIX = _number("w") | 1  # multiplies a word's hash so that every bit counts
MULTIPLIER, OFFSET = _number("a") | 1, _number("b")  # a shingle's 32-bit hash (multiply-shift)
BAND_MIX = tuple(_number(f"m{j}") | 1 for j in range(BAND_ROWS))  # one for each row of a band
CHUNK = 1 << 16  # bytes of text whose words are hashed together
# Bodies fingerprinted together: as much text as keeps numpy's arrays in the CPU's cache
# (1,000 benchmark bodies: 31 us each one at a time, 18 us in groups of 32 KiB, 36 us of 64 KiB).
GROUP_BYTES = 1 << 15
# The hash family as _minhash.c reads it, in the order it reads it.
C_FAMILY = (
    WORD_BASE, WORD_MIX, MULTIPLIER, OFFSET, SHINGLE_FIRST, SHINGLE_SECOND, KEY_MASK, CHUNK,
    MIN_WORDS, PERMUTATIONS, BANDS, BAND_ROWS, *BAND_MIX,
)  # fmt: skip
_WORD = re.compile(r"[^\W_]+")
# ASCII punctuation, which separates words like white space and control characters do.
_SEPARATORS = b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_UPPER = bytes(range(ord("A"), ord("Z") + 1))
# One pass over the bytes: separators become spaces, capitals small letters.
_ASCII_WORDS = bytes.maketrans(_SEPARATORS + _UPPER, b" " * len(_SEPARATORS) + _UPPER.lower())


@pickled_as_values
@dataclass(frozen=True)
class Fingerprint:
    signature: bytes  # PERMUTATIONS little-endian uint32 MinHash values
    keys: tuple[int, ...]  # one LSH key per band, each a positive 63-bit integer


def fingerprint(body: str) -> Fingerprint | None:
    """The fingerprint of a body, or None when it is too short to compare."""
    return fingerprints([body])[0]


def fingerprints(bodies: Sequence[str]) -> list[Fingerprint | None]:
    """The fingerprints of many bodies, computed a group at a time: numpy calls on one short
    body cost more than their work, so bodies are hashed together, GROUP_BYTES of text at once."""
    group_fingerprints = _compiled_group_fingerprints if _minhash else _group_fingerprints
    texts = [_word_bytes(body) for body in bodies]
    result: list[Fingerprint | None] = []
    group: list[bytes] = []
    size = 0
    for text in texts:
        if group and size + len(text) > GROUP_BYTES:
            result.extend(group_fingerprints(group))
            group, size = [], 0
        group.append(text)
        size += len(text) + 1
    if group:
        result.extend(group_fingerprints(group))
    return result


def _compiled_group_fingerprints(texts: list[bytes]) -> list[Fingerprint | None]:
    """What _group_fingerprints computes, in one pass of C over the words (in a worker,
    ~45 us a benchmark body with numpy)."""
    results = _minhash.group(b" ".join(texts), [len(text) for text in texts], C_FAMILY)
    return [Fingerprint(*result) if result else None for result in results]


def _group_fingerprints(texts: list[bytes]) -> list[Fingerprint | None]:
    """Fingerprints of the word texts of a few bodies, hashed as one text."""
    import numpy as np  # here, not at import time: numpy costs ~45 ms of CLI start-up

    family = _family()

    sizes = np.array([len(text) + 1 for text in texts], dtype=np.int64)
    hashes, starts = _word_hashes(b" ".join(texts), family)
    # Which body each word belongs to: each body's first word is the first to start at or after
    # the body's first byte (a few searches among the words, not one a word among the bodies).
    firsts = np.searchsorted(starts, np.cumsum(sizes) - sizes)
    words = np.diff(firsts, append=len(starts))
    owner = np.repeat(np.arange(len(texts)), words)
    enough = words >= MIN_WORDS
    if not enough.any():
        return [None] * len(texts)
    # Shingles of three words of one body; none spans two.
    inside = owner[:-2] == owner[2:]
    shingles = (
        hashes[:-2][inside] * np.uint64(SHINGLE_FIRST)
        ^ hashes[1:-1][inside] * np.uint64(SHINGLE_SECOND)
        ^ hashes[2:][inside]
    )
    # One permutation hashing: one 32-bit hash per shingle (multiply-shift), the hash space cut
    # into PERMUTATIONS equal bins, and the smallest hash in each bin: in sorted order, the
    # first hash at or above the bin's lower bound, if it is still below the next bin's. The
    # body's number above the 32 bits keeps each body's hashes, and bins, apart.
    values = (shingles * family.multiplier + family.offset) >> np.uint64(32)
    values |= owner[:-2][inside].astype(np.uint64) << np.uint64(32)
    values.sort()
    body = np.arange(len(texts), dtype=np.uint64)[:, None] << np.uint64(32)
    first = np.searchsorted(values, (body | family.bin_starts).ravel())
    smallest = values[np.minimum(first, len(values) - 1)]
    found = (first < len(values)) & (smallest < (body + family.bin_ends).ravel())
    signatures = np.where(found, smallest & np.uint64(0xFFFFFFFF), EMPTY_BIN).astype("<u4")
    signatures = signatures.reshape(len(texts), PERMUTATIONS)
    keys = _band_keys(signatures, family)
    return [
        Fingerprint(signature.tobytes(), tuple(body_keys)) if long_enough else None
        for signature, body_keys, long_enough in zip(signatures, keys, enough.tolist(), strict=True)
    ]


def band_keys(signature: bytes) -> tuple[int, ...]:
    """The LSH key of each band of a signature: equal keys mean equal bands."""
    import numpy as np

    (keys,) = _band_keys(np.frombuffer(signature, dtype="<u4")[None, :], _family())
    return tuple(keys)


def _band_keys(signatures: np.ndarray, family: _Family) -> list[list[int]]:
    """The band keys of each row of signatures."""
    import numpy as np

    rows = len(signatures)
    bands = signatures[:, : BANDS * BAND_ROWS].astype(np.uint64).reshape(rows, BANDS, BAND_ROWS)
    keys = np.bitwise_xor.reduce(bands * family.band_mix, axis=2) ^ family.band_tags
    return (keys & family.key_mask).tolist()  # type: ignore[no-any-return]


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two bodies from their signatures."""
    import numpy as np

    a = np.frombuffer(first, dtype="<u4")
    b = np.frombuffer(second, dtype="<u4")
    return float(np.count_nonzero(a == b)) / PERMUTATIONS


def _word_bytes(body: str) -> bytes:
    """Lower-case words as UTF-8 between white space; punctuation and underscores separate."""
    if body.isascii():  # the common case, several times faster than the regular expression
        return body.encode("ascii").translate(_ASCII_WORDS)
    return " ".join(_WORD.findall(body.casefold())).encode("utf-8")


def _word_hashes(text: bytes, family: _Family) -> tuple[np.ndarray, np.ndarray]:
    """A 64-bit hash of each word of `text`, in order, and where each word starts; taken
    CHUNK bytes at a time (cut at a space) so that the family's tables of powers stay small."""
    import numpy as np

    pieces = []
    start = 0
    while len(text) - start > CHUNK:
        end = text.rfind(b" ", start + 1, start + CHUNK)
        if end == -1:  # a "word" longer than a chunk is cut
            end = start + CHUNK
        pieces.append(_chunk_word_hashes(text[start:end], start, family))
        start = end
    pieces.append(_chunk_word_hashes(text[start:], start, family))
    if len(pieces) == 1:
        return pieces[0]
    hashes, starts = zip(*pieces, strict=True)
    return np.concatenate(hashes), np.concatenate(starts)


def _chunk_word_hashes(chunk: bytes, offset: int, family: _Family) -> tuple[np.ndarray, np.ndarray]:
    """All words of a chunk hashed at once, far faster than a call per word: with prefix sums
    of byte * BASE**position, a word's sum times BASE**-start is sum(byte * BASE**offset), a
    polynomial hash of its bytes alone (mod 2**64), then mixed so every bit counts. Word starts
    are returned counted from `offset`."""
    import numpy as np

    data = np.frombuffer(chunk, dtype=np.uint8)
    in_word = np.zeros(len(data) + 2, dtype=bool)
    in_word[1:-1] = data > ord(" ")  # white space and control characters separate words
    edges = np.flatnonzero(in_word[1:] != in_word[:-1])
    starts, ends = edges[0::2], edges[1::2]
    prefix = np.zeros(len(data) + 1, dtype=np.uint64)
    np.cumsum(data * family.powers[: len(data)], out=prefix[1:])
    hashes: np.ndarray = (prefix[ends] - prefix[starts]) * family.inverse_powers[starts]
    hashes ^= hashes >> np.uint64(31)
    hashes *= family.word_mix
    hashes ^= hashes >> np.uint64(29)
    return hashes, starts + offset


@dataclass(frozen=True)
class _Family:
    """The hash family, derived from fixed labels so every machine and version agrees."""

    multiplier: np.uint64
    offset: np.uint64
    bin_starts: np.ndarray  # the smallest 32-bit hash of each bin
    bin_ends: np.ndarray  # the smallest of the next bin
    band_mix: np.ndarray  # a multiplier per row of a band
    band_tags: np.ndarray  # the band's number in the top byte: bands never share a key
    key_mask: np.uint64
    powers: np.ndarray  # WORD_BASE ** i mod 2**64, for i < CHUNK
    inverse_powers: np.ndarray  # WORD_BASE ** -i mod 2**64, for i < CHUNK
    word_mix: np.uint64


@lru_cache(maxsize=1)
def _family() -> _Family:
    import numpy as np

    # A hash h falls in bin (h * PERMUTATIONS) >> 32, so bin k starts at ceil(k * 2**32 / P).
    starts = [-(-k * 2**32 // PERMUTATIONS) for k in range(PERMUTATIONS + 1)]
    return _Family(
        multiplier=np.uint64(MULTIPLIER),
        offset=np.uint64(OFFSET),
        bin_starts=np.array(starts[:-1], dtype=np.uint64),
        bin_ends=np.array(starts[1:], dtype=np.uint64),
        band_mix=np.array(BAND_MIX, dtype=np.uint64),
        band_tags=np.arange(BANDS, dtype=np.uint64) << np.uint64(56),
        key_mask=np.uint64(KEY_MASK),
        powers=_powers(WORD_BASE),
        inverse_powers=_powers(pow(WORD_BASE, -1, 2**64)),
        word_mix=np.uint64(WORD_MIX),
    )


def _powers(base: int) -> np.ndarray:
    import numpy as np

    powers = np.full(CHUNK, base, dtype=np.uint64)
    powers[0] = 1
    return np.cumprod(powers)  # wraps around mod 2**64, as wanted
