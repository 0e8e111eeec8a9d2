"""The LSH keys of recently fingerprinted articles, looked up in memory while an archive is written.

The archive keeps most keys in `lsh_keys`, one row per (key, article) in key order, and the keys
of articles fingerprinted since they were last merged there in `lsh_recent`, one row per article
with its keys packed: appending that row costs a tenth of inserting ten rows at random places of
an index. Those recent keys are looked up here instead, in sorted runs of (key, article id)
pairs merged like a binary counter, so adding a window's keys copies each pair only a few times.
"""

from __future__ import annotations

import itertools
import struct
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newsarc.similarity import BANDS

if TYPE_CHECKING:
    import numpy as np

PACKED_KEYS = struct.Struct(f"<{BANDS}q")  # an article's keys as stored in lsh_recent
RUN_LIMIT = 1 << 19  # pairs; larger runs are not merged, so a merge copies at most 16 MiB
PAIRS_AT_ONCE = 1 << 13  # pairs taken from each run at a time by `pairs`
# A KeyFilter's layer is made with this many bits a key it is to hold (0.5% of absent keys pass)
# and takes keys while it has at least the fewest (2%).
FILTER_BITS_PER_KEY = 12
FILTER_FEWEST_BITS_PER_KEY = 8
FILTER_KEYS_AT_ONCE = 1 << 16  # keys hashed together when added to a KeyFilter
# Odd multipliers, one for each bit a key sets in a KeyFilter: a key times one, its top 32 bits,
# is one of the key's hashes.
_FILTER_MULTIPLIERS = (
    0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
    0xFF51AFD7ED558CCD,
)  # fmt: skip


def pack_keys(keys: tuple[int, ...]) -> bytes:
    return PACKED_KEYS.pack(*keys)


def distinct_keys(key_lists: Iterable[tuple[int, ...]]) -> tuple[list[int], set[int]]:
    """The distinct keys of some articles in order, and the keys more than one of them holds.

    A window's 20,480 keys in 1.3 ms, against 6.4 ms with a Counter and `sorted`.
    """
    import numpy as np

    keys = np.fromiter(itertools.chain.from_iterable(key_lists), dtype=np.int64)
    distinct, counts = np.unique(keys, return_counts=True)
    return distinct.tolist(), set(distinct[counts > 1].tolist())


class RecentKeys:
    """LSH keys -> the articles holding them, for the articles of lsh_recent."""

    def __init__(self) -> None:
        # (keys, article ids), each run sorted by key; runs shrink towards the end.
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []

    def __len__(self) -> int:
        return sum(len(keys) for keys, _ in self._runs)

    def add(self, rows: Iterable[tuple[int, bytes]]) -> None:
        """Index articles' keys, given as lsh_recent stores them: (article id, packed keys)."""
        import numpy as np

        ids, packed = [], []
        for article_id, article_keys in rows:
            ids.append(article_id)
            packed.append(article_keys)
        if not ids:
            return
        keys = np.frombuffer(b"".join(packed), dtype="<i8")  # sorting below copies it
        article_ids = np.repeat(np.array(ids, dtype=np.int64), BANDS)
        # Not a stable sort: the articles of one key may come in any order (`holders` sorts
        # them), and numpy's default sort is four times as fast (a million keys: 27 ms, 108 ms).
        order = np.argsort(keys)
        run = keys[order], article_ids[order]
        while self._runs and len(self._runs[-1][0]) <= len(run[0]) < RUN_LIMIT:
            run = _merged(self._runs.pop(), run)
        self._runs.append(run)

    def holders(self, keys: list[int], limit: int) -> dict[int, list[int]]:
        """For each of `keys` (sorted) held by an article here, the `limit` oldest holders."""
        import numpy as np

        wanted = np.array(keys, dtype=np.int64)
        found: dict[int, list[int]] = {}
        for run_keys, run_ids in self._runs:
            first = np.searchsorted(run_keys, wanted)
            hits = np.flatnonzero(run_keys[np.minimum(first, len(run_keys) - 1)] == wanted)
            last = np.searchsorted(run_keys, wanted[hits], side="right")
            for index, end in zip(hits.tolist(), last.tolist(), strict=True):
                found.setdefault(keys[index], []).extend(run_ids[first[index] : end].tolist())
        return {key: sorted(set(ids))[:limit] for key, ids in found.items()}

    def remove(self, article_ids: Iterable[int]) -> None:
        """Forget the keys of these articles (their fingerprints changed)."""
        import numpy as np

        dropped = np.array(sorted(set(article_ids)), dtype=np.int64)
        kept = []
        for keys, ids in self._runs:
            keep = ~np.isin(ids, dropped)
            kept.append((keys[keep], ids[keep]))
        self._runs = [run for run in kept if len(run[0])]

    def key_runs(self) -> Iterator[np.ndarray]:
        """The keys held, a sorted run at a time."""
        for keys, _ in self._runs:
            yield keys

    def pair_slices(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Every (key, article id) pair in key order, as slices of keys and their article ids;
        the index is empty afterwards.

        The runs are merged a slice at a time, never copied whole: a million-article archive
        holds millions of recent pairs, and a copy of them all would double their memory.
        """
        import numpy as np

        runs, self._runs = self._runs, []
        starts = [0] * len(runs)
        while live := [i for i, (keys, _) in enumerate(runs) if starts[i] < len(keys)]:
            # Every pair up to the first key that ends a run's next slice comes before the rest.
            bound = min(
                runs[i][0][min(starts[i] + PAIRS_AT_ONCE, len(runs[i][0])) - 1] for i in live
            )
            keys_parts, ids_parts = [], []
            for i in live:
                keys, ids = runs[i]
                end = int(np.searchsorted(keys, bound, side="right"))
                keys_parts.append(keys[starts[i] : end])
                ids_parts.append(ids[starts[i] : end])
                starts[i] = end
            keys, ids = np.concatenate(keys_parts), np.concatenate(ids_parts)
            order = np.argsort(keys)
            yield keys[order], ids[order]


class KeyFilter:
    """A Bloom filter of LSH keys: a key it says is absent was never added, and most absent keys
    are said to be. Most of a window's keys are held by no stored article, and looking each up
    in the archive's large key table costs more than the rest of clustering.

    It grows as keys come (a scalable Bloom filter): keys that would leave its newest layer
    fewer than FILTER_FEWEST_BITS_PER_KEY bits a key go to a new layer as large as all the ones
    before, so it never needs the keys it holds again.
    """

    def __init__(self, capacity: int) -> None:
        self._layers: list[np.ndarray] = []  # bits, 64 to a word
        self._newest_added = 0  # keys added to the newest layer
        self._add_layer(capacity)

    def add(self, keys: np.ndarray) -> None:
        import numpy as np

        layer = self._layers[-1]
        added = self._newest_added + len(keys)
        if self._newest_added and added * FILTER_FEWEST_BITS_PER_KEY > len(layer) * 64:
            older = sum(len(one) for one in self._layers) * 64 // FILTER_BITS_PER_KEY
            self._add_layer(max(older, len(keys)))
            layer = self._layers[-1]
        # A slice at a time: the hashes of a merge's million keys took 46 MiB at once.
        for start in range(0, len(keys), FILTER_KEYS_AT_ONCE):
            for hashes in _hashes(keys[start : start + FILTER_KEYS_AT_ONCE]):
                places = _places(hashes, len(layer) * 64)
                np.bitwise_or.at(layer, places >> 6, np.uint64(1) << (places & np.uint64(63)))
        self._newest_added += len(keys)

    def may_hold(self, keys: list[int]) -> list[int]:
        """The keys that may have been added: all that were, and a few others."""
        import numpy as np

        wanted = np.array(keys, dtype=np.int64)
        key_hashes = list(_hashes(wanted))  # the same for every layer; only their scale differs
        held = np.zeros(len(wanted), dtype=bool)
        for layer in self._layers:
            in_layer = np.ones(len(wanted), dtype=bool)
            for hashes in key_hashes:
                places = _places(hashes, len(layer) * 64)
                bits = layer[places >> 6] >> (places & np.uint64(63))
                in_layer &= (bits & np.uint64(1)).astype(bool)
            held |= in_layer
        return wanted[held].tolist()  # type: ignore[no-any-return]

    def _add_layer(self, capacity: int) -> None:
        import numpy as np

        words = max(1, -(-capacity * FILTER_BITS_PER_KEY // 64))
        self._layers.append(np.zeros(words, dtype=np.uint64))
        self._newest_added = 0


def _hashes(keys: np.ndarray) -> Iterator[np.ndarray]:
    """The keys' 32-bit hashes, one array for each multiplier: the top 32 bits of the product."""
    import numpy as np

    keys = keys.astype(np.uint64)
    for multiplier in _FILTER_MULTIPLIERS:
        yield (keys * np.uint64(multiplier)) >> np.uint64(32)


def _places(hashes: np.ndarray, bits: int) -> np.ndarray:
    """Each 32-bit hash's bit among `bits`, scaled rather than taken modulo `bits`."""
    import numpy as np

    return (hashes * np.uint64(bits)) >> np.uint64(32)


def _merged(
    first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Two sorted runs as one, `second`'s pairs after `first`'s of the same key.

    Each pair of `second` is put where it belongs and `first` fills the rest: besides the
    result, this takes a position per pair of `second` and a flag per pair, where
    concatenating and sorting took three more copies of everything (with this, and smaller
    slices in `pairs`, a million-article ingest peaked at 208 MiB instead of 241 MiB).
    """
    import numpy as np

    (first_keys, first_ids), (second_keys, second_ids) = first, second
    size = len(first_keys) + len(second_keys)
    places = np.searchsorted(first_keys, second_keys, side="right")
    places += np.arange(len(second_keys))
    from_second = np.zeros(size, dtype=bool)
    from_second[places] = True
    keys = np.empty(size, dtype=np.int64)
    ids = np.empty(size, dtype=np.int64)
    keys[places], ids[places] = second_keys, second_ids
    from_first = ~from_second
    keys[from_first], ids[from_first] = first_keys, first_ids
    return keys, ids
