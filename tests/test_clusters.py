"""Near-duplicate clusters: fingerprints, linking, and the dupes / --collapse commands."""

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import DATA, Run

from newsarc import store
from newsarc.clusters import link, word_diff
from newsarc.models import ClusterMember
from newsarc.normalize import normalize
from newsarc.similarity import (
    BANDS,
    CHUNK,
    GROUP_BYTES,
    MIN_WORDS,
    fingerprint,
    fingerprints,
    similarity,
)

SEED = normalize((DATA / "putin-erdogan-moscow-talks.txt").read_text(encoding="utf-8"))
PARAGRAPHS = SEED.body.split("\n\n")
OTHER = normalize((DATA / "ap-wire-idlib-ceasefire.txt").read_text(encoding="utf-8"))
THIRD = normalize((DATA / "reuters-wire-refugees-greece.txt").read_text(encoding="utf-8"))
# A closing paragraph many outlets print under every story, and a quote many stories repeat.
BOILERPLATE = (
    "Follow our live coverage for the latest developments, and sign up for the evening "
    "newsletter to get the day's most important stories delivered to your inbox every weekday."
)
QUOTE = "“The entire world has its eyes fixed on us,” Erdogan said at the start of the talks."


def story(
    headline: str,
    paragraphs: list[str],
    published: str = "6 March, 2020",
    outlet: str = "AFP, Moscow",
) -> str:
    return f"{headline}\nPublished: {published}\n{outlet}\n\n" + "\n\n".join(paragraphs) + "\n"


def typo(paragraph: str) -> str:
    return paragraph.replace("ceasefire", "cease-fire").replace("fighting", "fightng")


VARIANTS = {
    "original": story(SEED.headline, PARAGRAPHS),
    "trimmed": story(SEED.headline, PARAGRAPHS[:-1], outlet="Reuters, Istanbul"),
    "re-headed": story(
        "Erdogan in Moscow as Idlib crisis deepens", PARAGRAPHS, "7 March, 2020", "UNB, Dhaka"
    ),
    "reordered": story(
        SEED.headline, [PARAGRAPHS[1], PARAGRAPHS[0], *PARAGRAPHS[2:]], "8 March, 2020"
    ),
    "edited": story(
        SEED.headline, [typo(p) for p in PARAGRAPHS], "6 March, 2020", "AFP/Reuters, Beirut"
    ),
}


def write(folder: Path, files: dict[str, str]) -> Path:
    """Files named so that they are read, and numbered, in the order given."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, (name, text) in enumerate(files.items(), start=1):
        (folder / f"{number}-{name}.txt").write_text(text, encoding="utf-8")
    return folder


def clusters_by_name(run: Run) -> dict[str, tuple[int, int]]:
    records = [json.loads(line) for line in run("export", "--jsonl").stdout.splitlines()]
    return {
        Path(r["source_path"]).stem.split("-", 1)[1]: (r["cluster_id"], r["cluster_size"])
        for r in records
    }


def test_fingerprints_are_stable_and_skip_short_bodies() -> None:
    first, second = fingerprint(SEED.body), fingerprint(SEED.body)
    assert first is not None and first == second
    assert len(first.keys) == BANDS and all(0 < key < 2**63 for key in first.keys)
    assert fingerprint(" ".join(["word"] * (MIN_WORDS - 1))) is None


def test_fingerprints_match_those_stored_by_earlier_versions() -> None:
    """Archives keep signatures and keys: a changed hash would split every stored cluster
    from its new copies, so changing one needs a migration that recomputes them."""
    known = fingerprint(" ".join(f"w{i} common" for i in range(40)))
    assert known is not None
    assert known.signature[:16].hex() == "a6e1160131ab2105c8a69c0b57ef510e"
    assert known.keys[:2] == (5826151549504205375, 6233689643171352303)


def test_bodies_fingerprinted_together_get_the_fingerprints_they_get_alone() -> None:
    """Ingest fingerprints many bodies at once: no body's words may leak into another's."""
    long_body = " ".join([SEED.body] * 40)  # past GROUP_BYTES and CHUNK: a group of its own
    bodies = [
        SEED.body,
        "Too short to compare.",
        OTHER.body,
        "",
        long_body,
        THIRD.body,
        "Ünïcödé wörds, " * 20,  # the non-ASCII path
        " ".join(["word"] * MIN_WORDS),  # exactly long enough
        *[VARIANTS[name] for name in VARIANTS],
    ]
    assert len(long_body.encode()) > CHUNK > GROUP_BYTES
    together = fingerprints(bodies)
    assert together == [fingerprint(body) for body in bodies]
    assert [print_ is None for print_ in together[:4]] == [False, True, False, True]
    assert together[-1] is not None
    assert fingerprints([]) == []


@pytest.mark.parametrize(
    ("variant", "low", "high"),
    [
        ("trimmed", 0.6, 0.95),
        ("reordered", 0.85, 1.0),
        ("edited", 0.7, 1.0),
        ("re-headed", 0.95, 1.0),
    ],
)
def test_variants_are_similar(variant: str, low: float, high: float) -> None:
    body = normalize(VARIANTS[variant]).body
    value = similarity(fingerprint(SEED.body).signature, fingerprint(body).signature)  # type: ignore[union-attr]
    assert low <= value <= high


@pytest.mark.parametrize(
    "body",
    [OTHER.body + "\n\n" + BOILERPLATE, OTHER.body + "\n\n" + QUOTE],
    ids=["shared-boilerplate", "shared-quote"],
)
def test_sharing_boilerplate_or_a_quote_is_not_similar(body: str) -> None:
    seed_with_it = SEED.body + "\n\n" + BOILERPLATE
    value = similarity(fingerprint(seed_with_it).signature, fingerprint(body).signature)  # type: ignore[union-attr]
    assert value < 0.2


def member(id_: int, cluster: int, body: str, published: str | None) -> ClusterMember:
    return ClusterMember(id_, cluster, fingerprint(body).signature, published)  # type: ignore[union-attr]


def test_link_joins_merges_and_respects_the_window() -> None:
    trimmed = normalize(VARIANTS["trimmed"]).body
    members = {
        1: member(1, 1, SEED.body, "2020-03-06"),
        2: member(2, 2, OTHER.body, "2020-03-05"),
        3: member(3, 3, trimmed, "2020-03-07"),  # new: joins 1
        4: member(4, 4, SEED.body, "2020-05-01"),  # new: too late for 1 and 3
        5: member(5, 5, trimmed, None),  # new, undated: compared whatever the window
    }
    candidates = {3: {1, 2}, 4: {1, 3}, 5: {1, 4}}
    renames = link([3, 4, 5], candidates, members, threshold=0.5, window_days=7)
    assert renames == {3: 1, 5: 1, 4: 1}  # 5 links 1 and 4: one cluster, named by the oldest
    assert link([3], candidates, members, threshold=0.99, window_days=7) == {}


def test_word_diff() -> None:
    changes = word_diff(
        "Putin met Erdogan in Moscow.\n\nTalks lasted hours.",
        "Putin met Erdogan in the Kremlin.\n\nTalks lasted hours.",
    )
    assert changes == [
        ("same", "Putin met Erdogan in"),
        ("removed", "Moscow."),
        ("added", "the Kremlin."),
        ("same", "\n\nTalks lasted hours."),
    ]


def test_copies_cluster_and_unrelated_stories_stay_apart(run: Run, tmp_path: Path) -> None:
    files = dict(VARIANTS)
    files["other"] = story(OTHER.headline, [*OTHER.body.split("\n\n"), BOILERPLATE])
    files["quote"] = story("Erdogan quote of the day", [*THIRD.body.split("\n\n")[:2], QUOTE])
    files["late"] = story(SEED.headline, PARAGRAPHS, "20 April, 2020", "Late Paper")
    run("ingest", str(write(tmp_path / "in", files)))
    clusters = clusters_by_name(run)
    story_cluster = clusters["original"][0]
    assert {name for name, (cluster, _) in clusters.items() if cluster == story_cluster} == set(
        VARIANTS
    )
    assert clusters["original"][1] == len(VARIANTS)
    for loner in ("other", "quote", "late"):
        assert clusters[loner][1] == 1, loner


@pytest.mark.parametrize(
    ("share", "most", "filtered"),
    [(None, None, False), (0.0, None, False), (0.0, None, True), (1e9, 1, False)],
    ids=[
        "recent keys",
        "merged keys",
        "merged keys behind a filter",
        "merged at the most recent keys",
    ],
)
def test_clustering_is_incremental(
    run: Run,
    tmp_path: Path,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    share: float | None,
    most: int | None,
    filtered: bool,
) -> None:
    merged = share is not None
    if merged:  # new LSH keys move to the large table at once
        monkeypatch.setattr(store, "RECENT_MIN_KEYS", 1)
        monkeypatch.setattr(store, "RECENT_SHARE", share)
    if most is not None:
        monkeypatch.setattr(store, "RECENT_MAX_KEYS", most)
    if filtered:  # the large table's keys are looked up only when its filter passes them
        monkeypatch.setattr(store, "KEYS_PER_FILTER_ROW", 0.0)
    run("ingest", str(write(tmp_path / "monday", {"original": VARIANTS["original"]})))
    run(
        "ingest",
        str(
            write(
                tmp_path / "tuesday",
                {
                    "trimmed": VARIANTS["trimmed"],
                    "other": story(OTHER.headline, OTHER.body.split("\n\n")),
                },
            )
        ),
    )
    run("ingest", str(write(tmp_path / "wednesday", {"edited": VARIANTS["edited"]})))
    clusters = clusters_by_name(run)
    assert clusters["original"] == clusters["trimmed"] == clusters["edited"] == (1, 3)
    assert clusters["other"][1] == 1
    # Recent keys are stored one row per article.
    assert lsh_rows(db_path) == ((4 * BANDS, 0) if merged else (0, 4))


def lsh_rows(db_path: Path) -> tuple[int, int]:
    db = sqlite3.connect(db_path)
    counts = [
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("lsh_keys", "lsh_recent")
    ]
    return counts[0], counts[1]


@pytest.mark.parametrize("merged", [False, True], ids=["recent keys", "merged keys"])
def test_a_changed_article_is_fingerprinted_again(
    run: Run, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch, merged: bool
) -> None:
    if merged:
        monkeypatch.setattr(store, "RECENT_MIN_KEYS", 1)
        monkeypatch.setattr(store, "RECENT_SHARE", 0.0)
    other = story(OTHER.headline, OTHER.body.split("\n\n"))
    folder = write(tmp_path / "in", {"original": VARIANTS["original"], "other": other})
    run("ingest", str(folder))
    assert clusters_by_name(run)["other"] == (2, 1)
    # The second file is rewritten as a copy of the first: its old keys go, its new ones pair it.
    (folder / "2-other.txt").write_text(VARIANTS["trimmed"], encoding="utf-8")
    assert "1 updated" in run("ingest", str(folder)).stdout
    assert clusters_by_name(run)["other"] == (1, 2)
    run("ingest", str(write(tmp_path / "later", {"edited": VARIANTS["edited"]})))
    assert clusters_by_name(run)["edited"] == (1, 3)
    assert lsh_rows(db_path) == ((3 * BANDS, 0) if merged else (0, 3))


@pytest.fixture
def clustered(run: Run, tmp_path: Path) -> Run:
    run(
        "ingest",
        str(
            write(
                tmp_path / "in",
                {**VARIANTS, "other": story(OTHER.headline, OTHER.body.split("\n\n"))},
            )
        ),
    )
    return run


# Ids in the clustered archive: 1 original, 2 trimmed, 3 re-headed, 4 reordered, 5 edited, 6 other.


def test_dupes_lists_clusters(clustered: Run) -> None:
    assert clustered("dupes").stdout.startswith("1\t5\t2020-03-06\t2020-03-08\t")
    (cluster,) = json.loads(clustered("dupes", "--json").stdout)
    assert sorted(cluster.pop("agencies")) == ["AFP", "Reuters", "UNB"]
    assert sorted(cluster.pop("headlines")) == [
        "Erdogan in Moscow as Idlib crisis deepens",
        "Putin, Erdogan look to defuse Syria crisis at Moscow talks",
    ]
    assert cluster == {
        "cluster_id": 1,
        "size": 5,
        "first": "2020-03-06",
        "last": "2020-03-08",
        "outlets": [],
    }


def test_dupes_of_an_article_and_diff(clustered: Run) -> None:
    copies = [line.split("\t") for line in clustered("dupes", "3").stdout.splitlines()]
    assert [c[0] for c in copies] == ["1", "2", "5", "3", "4"]  # oldest first
    assert dict((c[0], float(c[2])) for c in copies)["3"] == 1.0
    assert clustered("dupes", "6").stdout.count("\n") == 1  # alone
    diff = clustered("dupes", "1", "--diff", "5").stdout
    assert "[-ceasefire-] {+cease-fire+}" in diff and "[-fighting-] {+fightng+}" in diff
    changes = json.loads(clustered("dupes", "1", "--diff", "5", "--json").stdout)
    assert {"change": "added", "text": "cease-fire"} in changes


def test_dupes_errors(clustered: Run) -> None:
    assert clustered("dupes", "--diff", "2").exit_code == 2
    for number in ("99", str(2**63)):
        missing = clustered("dupes", number)
        assert (missing.exit_code, f"No article with id {number}" in missing.stderr) == (1, True)


def test_search_collapse(clustered: Run) -> None:
    assert sorted(
        int(line.split("\t")[0]) for line in clustered("search", "idlib").stdout.splitlines()
    ) == [1, 2, 3, 4, 5, 6]
    collapsed = [
        line.split("\t") for line in clustered("search", "idlib", "--collapse").stdout.splitlines()
    ]
    assert sorted((int(c[0]) == 6, c[3]) for c in collapsed) == [(False, "5"), (True, "1")]
    assert clustered("search", "idlib", "--collapse", "--count").stdout == "2\n"


def test_reindex_rebuilds_clusters_with_new_settings(clustered: Run) -> None:
    strict = clustered("reindex", "--similarity", "0.99")
    assert strict.stdout.endswith("; 1 near-duplicate cluster.\n")
    sizes = {r["id"]: r["cluster_size"] for r in json.loads(clustered("export").stdout)}
    assert sizes[2] == 1  # the trimmed copy is no longer close enough
    clustered("reindex", "--similarity", "0.5", "--window-days", "0")
    dates = {r["id"]: r["cluster_id"] for r in json.loads(clustered("export").stdout)}
    assert dates[1] == dates[5] and dates[4] != dates[1]  # 4 is two days later
    clustered("reindex", "--no-clusters")
    assert clustered("dupes").stdout == ""
