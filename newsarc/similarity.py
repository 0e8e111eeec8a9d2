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
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

BANDS = 10
BAND_ROWS = 2
PERMUTATIONS = 60  # signature values: more than the bands use, for a closer estimate
SHINGLE_WORDS = 3
# Shorter bodies share too many shingles by chance (captions, one-line briefs): no fingerprint.
MIN_WORDS = 30
EMPTY_BIN = 0xFFFFFFFF  # a bin no shingle fell into (short bodies)
_WORD = re.compile(r"[^\W_]+")
# ASCII punctuation and the separators str.split() knows but bytes.split() does not: spaces.
_SEPARATORS = b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\x1c\x1d\x1e\x1f"
_ASCII_PUNCTUATION = bytes.maketrans(_SEPARATORS, b" " * len(_SEPARATORS))


@dataclass(frozen=True)
class Fingerprint:
    signature: bytes  # PERMUTATIONS little-endian uint32 MinHash values
    keys: tuple[int, ...]  # one LSH key per band, each a positive 63-bit integer


def fingerprint(body: str) -> Fingerprint | None:
    """The fingerprint of a body, or None when it is too short to compare."""
    import numpy as np  # here, not at import time: numpy costs ~45 ms of CLI start-up

    words = _words(body)
    if len(words) < MIN_WORDS:
        return None
    # CRC-32 straight from C for each word: faster than any cache of it in Python.
    hashes = np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))
    shingles = (
        hashes[:-2] * np.uint64(0x9E3779B1) ^ hashes[1:-1] * np.uint64(0x85EBCA77) ^ hashes[2:]
    )
    multiplier, offset, _ = _constants()
    # One permutation hashing: one 32-bit hash per shingle (multiply-shift), the hash space cut
    # into PERMUTATIONS equal bins, and the smallest hash in each bin. In sorted order the bin
    # of a hash never decreases, so each bin's first hash is its minimum.
    values = np.sort((shingles * multiplier + offset) >> np.uint64(32))
    bins = (values * np.uint64(PERMUTATIONS)) >> np.uint64(32)
    first = np.empty(len(bins), dtype=bool)
    first[0] = True
    np.not_equal(bins[1:], bins[:-1], out=first[1:])
    signature = np.full(PERMUTATIONS, EMPTY_BIN, dtype="<u4")
    signature[bins[first].astype(np.intp)] = values[first]
    signature_bytes = signature.tobytes()
    return Fingerprint(signature_bytes, band_keys(signature_bytes))


def band_keys(signature: bytes) -> tuple[int, ...]:
    """The LSH key of each band of a signature: equal keys mean equal bands."""
    import numpy as np

    _, _, band_mix = _constants()
    banded = np.frombuffer(signature, dtype="<u4", count=BANDS * BAND_ROWS)
    bands = banded.astype(np.uint64).reshape(BANDS, BAND_ROWS)
    keys = np.bitwise_xor.reduce(bands * band_mix, axis=1)
    keys ^= np.arange(BANDS, dtype=np.uint64) << np.uint64(56)
    keys &= np.uint64((1 << 63) - 1)
    return tuple(int(key) for key in keys)


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two bodies from their signatures."""
    import numpy as np

    a = np.frombuffer(first, dtype="<u4")
    b = np.frombuffer(second, dtype="<u4")
    return float(np.count_nonzero(a == b)) / PERMUTATIONS


def _words(body: str) -> list[bytes]:
    """Lower-case words as UTF-8; punctuation and underscores separate words."""
    if body.isascii():  # the common case, several times faster than the regular expression
        return body.encode("ascii").lower().translate(_ASCII_PUNCTUATION).split()
    return [word.encode("utf-8") for word in _WORD.findall(body.casefold())]


@lru_cache(maxsize=1)
def _constants() -> tuple[np.uint64, np.uint64, np.ndarray]:
    """The hash family, derived from fixed labels so every machine and version agrees."""
    import numpy as np

    def number(label: str) -> int:
        return int.from_bytes(hashlib.blake2b(label.encode(), digest_size=8).digest(), "little")

    band_mix = np.array([number(f"m{j}") | 1 for j in range(BAND_ROWS)], dtype=np.uint64)
    return np.uint64(number("a") | 1), np.uint64(number("b")), band_mix
