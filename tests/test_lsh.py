"""The in-memory index of recent LSH keys, against a plain dictionary of the same pairs."""

import random
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarc import lsh
from newsarc.lsh import RecentKeys, pack_keys
from newsarc.similarity import BANDS

LIMIT = 4
# Few distinct keys, so that articles share them; ids in any order, as updates bring old ids.
KEYS = st.lists(st.integers(0, 40), min_size=BANDS, max_size=BANDS).map(tuple)
WINDOWS = st.lists(
    st.lists(st.tuples(st.integers(1, 10_000), KEYS), max_size=30, unique_by=lambda row: row[0]),
    max_size=12,
)


def holders_of(pairs: dict[int, set[int]], keys: list[int]) -> dict[int, list[int]]:
    return {key: sorted(pairs[key])[:LIMIT] for key in keys if pairs.get(key)}


@settings(max_examples=60, deadline=None)
@given(windows=WINDOWS, removed=st.sets(st.integers(1, 10_000), max_size=20))
def test_recent_keys_answer_like_a_dictionary(
    windows: list[list[tuple[int, tuple[int, ...]]]], removed: set[int]
) -> None:
    index = RecentKeys()
    expected: dict[int, set[int]] = defaultdict(set)
    for window in windows:
        index.add((article_id, pack_keys(keys)) for article_id, keys in window)
        for article_id, keys in window:
            for key in keys:
                expected[key].add(article_id)
        probe = sorted({key for _, keys in window for key in keys} | {41, 42})
        assert index.holders(probe, LIMIT) == holders_of(expected, probe)
    index.remove(removed)
    for key in expected:
        expected[key] -= removed
    everything = sorted(expected)
    assert index.holders(everything, LIMIT) == holders_of(expected, everything)
    pairs = all_pairs(index)
    assert [key for key, _ in pairs] == sorted(key for key, _ in pairs)
    assert set(pairs) == {(key, i) for key, ids in expected.items() for i in ids}
    assert len(index) == 0 and index.holders(everything, LIMIT) == {}


def all_pairs(index: RecentKeys) -> list[tuple[int, int]]:
    return [
        pair
        for keys, ids in index.pair_slices()
        for pair in zip(keys.tolist(), ids.tolist(), strict=True)
    ]


def test_runs_stay_few_as_windows_arrive() -> None:
    index = RecentKeys()
    for window in range(100):
        index.add((window * 10 + i, pack_keys(tuple(range(i, i + BANDS)))) for i in range(10))
    assert len(index) == 100 * 10 * BANDS
    assert len(index._runs) <= 7  # a binary counter of 100 windows
    assert index.holders([0, 5], LIMIT) == {0: [0, 10, 20, 30], 5: [0, 1, 2, 3]}


def test_pairs_come_in_key_order_a_slice_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lsh, "PAIRS_AT_ONCE", 7)
    monkeypatch.setattr(lsh, "RUN_LIMIT", 64)  # many runs, some left unmerged
    rng = random.Random(5)
    index = RecentKeys()
    expected = set()
    for window in range(40):
        rows = [(window * 3 + i, tuple(rng.sample(range(500), BANDS))) for i in range(3)]
        index.add((article_id, pack_keys(keys)) for article_id, keys in rows)
        expected |= {(key, article_id) for article_id, keys in rows for key in keys}
    assert len(index._runs) > 3
    pairs = all_pairs(index)
    assert pairs == sorted(pairs, key=lambda pair: pair[0])
    assert sorted(pairs) == sorted(expected) and len(index) == 0


@given(st.lists(KEYS, max_size=40))
def test_distinct_keys_are_sorted_and_repeats_are_the_keys_of_several_articles(
    key_lists: list[tuple[int, ...]],
) -> None:
    counts: dict[int, int] = defaultdict(int)
    for keys in key_lists:
        for key in keys:
            counts[key] += 1
    assert lsh.distinct_keys(key_lists) == (
        sorted(counts),
        {key for key, count in counts.items() if count > 1},
    )


def test_distinct_keys_of_large_keys() -> None:
    big = (1 << 63) - 1
    assert lsh.distinct_keys([(big, 5), (big, 1 << 62)]) == ([5, 1 << 62, big], {big})


@given(
    st.lists(st.tuples(st.integers(-5, 5), st.integers(0, 99))),
    st.lists(st.tuples(st.integers(-5, 5), st.integers(100, 199))),
)
def test_merging_two_runs_keeps_key_order_and_the_first_runs_pairs_first(
    first: list[tuple[int, int]], second: list[tuple[int, int]]
) -> None:
    import numpy as np

    def run(pairs: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        pairs = sorted(pairs, key=lambda pair: pair[0])
        return (
            np.array([key for key, _ in pairs], dtype=np.int64),
            np.array([i for _, i in pairs], dtype=np.int64),
        )

    keys, ids = lsh._merged(run(first), run(second))
    expected = sorted(first + second, key=lambda pair: pair[0])  # stable: first's pairs first
    assert list(zip(keys.tolist(), ids.tolist(), strict=True)) == expected


@given(
    st.lists(st.lists(st.integers(0, (1 << 63) - 1), max_size=60), max_size=8),
    st.integers(1, 100),
)
def test_a_key_filter_holds_every_key_added(batches: list[list[int]], capacity: int) -> None:
    import numpy as np

    stored = lsh.KeyFilter(capacity)
    for keys in batches:
        stored.add(np.array(keys, dtype=np.int64))
    every = sorted({key for keys in batches for key in keys})
    assert stored.may_hold(every) == every


def test_a_key_filter_lets_few_absent_keys_pass_as_it_grows() -> None:
    import numpy as np

    rng = random.Random(7)
    capacity = 20_000
    stored = lsh.KeyFilter(capacity)
    absent = sorted(rng.getrandbits(63) for _ in range(100_000))
    passed = []
    for _ in range(16):  # eight times its first capacity
        stored.add(np.array([rng.getrandbits(63) for _ in range(capacity // 2)], dtype=np.int64))
        passed.append(len(stored.may_hold(absent)) / len(absent))
    assert passed[1] < 0.01  # 0.5% expected at its capacity
    assert max(passed) < 0.08  # 2% at most in each full layer
    assert len(stored._layers) == 4  # each new layer as large as the ones before


def test_a_key_filter_adds_a_merge_of_many_keys_in_little_memory() -> None:
    import tracemalloc

    import numpy as np

    stored = lsh.KeyFilter(2_000_000)
    keys = np.arange(1, 1_000_001, dtype=np.int64) * 0x9E3779B1
    tracemalloc.start()
    try:
        stored.add(keys)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20  # 46 MiB when its hashes were computed all at once
    assert stored.may_hold(keys[::1000].tolist()) == keys[::1000].tolist()
