import datetime as dt

import pytest

from strife.ingest import DuplicateFinder, clean_text, ingest, read_path
from strife.models import Document, InputProblem

PAGE = """Home | World | Sport
Rebels attack army post near the border
By Jane Doe
3 min read
Rebels attacked an army post near the border on Tuesday, killing four soldiers, a military spokesman said.
The army said it had repelled the attack after two hours of fighting and that reinforcements had arrived.
Share this article
Follow us on Facebook and X
Comments (0)
Please fill the fields below.
Do you like this article?
"""


def test_boilerplate_lines_are_removed_and_headline_kept():
    text, headline = clean_text(PAGE)
    assert text.startswith("Rebels attacked an army post")
    for junk in ("Share this", "Follow us", "Comments", "fill the fields", "like this article", "min read", "By Jane"):
        assert junk not in text
    assert headline == "Rebels attack army post near the border"


def test_a_one_line_note_is_kept_whole():
    note = "Police dispersed protesters in the town centre. [size=dozens]"
    text, _ = clean_text(note)
    assert text == note


def test_jsonl_broken_line_is_reported_with_line_number(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "a", "text": "Gunmen killed two farmers on Monday.", "published": "2024-05-06"}\n'
                 '{"id": "b", "text": "broken\n'
                 '{"id": "c", "text": "Protesters marched in the capital on Friday."}\n', encoding="utf-8")
    items = list(read_path(f))
    docs = [i for i in items if isinstance(i, Document)]
    probs = [i for i in items if isinstance(i, InputProblem)]
    assert [d.doc_id for d in docs] == ["a", "c"]
    assert docs[0].published == dt.date(2024, 5, 6) and docs[0].published_from == "metadata"
    assert len(probs) == 1 and probs[0].line == 2 and "JSON" in probs[0].reason


def test_jsonl_is_read_line_by_line_with_its_encodings(tmp_path):
    """A byte-order mark, Windows line ends and a line in cp1252 among UTF-8 ones: each line is read as
    it stands (the file is never held whole), and blank, binary or empty files are problems."""
    f = tmp_path / "in.jsonl"
    f.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "Troops shelled Mar\xc3\xadn on Monday."}\r\n\r\n'
                  b'{"id": "b", "text": "Police detained caf\xe9 owners in the capital."}\r\n')
    docs = list(read_path(f))
    assert [(d.doc_id, d.line) for d in docs] == [("a", 1), ("b", 3)]
    assert "Marín" in docs[0].text and "café" in docs[1].text
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \n")
    (tmp_path / "bin.jsonl").write_bytes(b'{"id": "x"}\x00\x01')
    assert [p.reason for p in read_path(tmp_path / "blank.jsonl")] == ["empty file"]
    assert ["binary" in p.reason for p in read_path(tmp_path / "bin.jsonl")] == [True]


def test_binary_and_empty_files_are_problems_not_crashes(tmp_path):
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\x00\x00\x01\x02" * 50)
    (tmp_path / "empty.txt").write_bytes(b"")
    probs = {p.path.rsplit("/", 1)[-1]: p.reason for p in ingest([tmp_path]) if isinstance(p, InputProblem)}
    assert "binary" in probs["img.txt"]
    assert "empty" in probs["empty.txt"]


def test_exact_and_near_duplicates(tmp_path):
    base = ("Armed men attacked the village of Kora late on Sunday, burning dozens of homes and killing at least "
            "six people, local officials said on Monday. Residents said the attackers arrived on motorcycles and "
            "fired on anyone who tried to flee. The regional governor condemned the attack and promised to send "
            "more police to the area, while aid groups said hundreds of families had fled to the nearby town. ")
    a = Document("a", base * 2)
    b = Document("b", base * 2)
    c = Document("c", base.replace("six", "seven") + base)
    from strife.ingest import content_hash

    for d in (a, b, c):
        d.content_hash = content_hash(d.text)
    f = DuplicateFinder(0.5)
    assert f.check(a) == (None, None)
    assert f.check(b) == ("a", None)
    exact, near = f.check(c)
    assert exact is None and near == "a"


def test_published_date_inferred_from_a_dateline(tmp_path):
    f = tmp_path / "report.txt"
    f.write_text("NAIROBI, 3 March 2021 - Police said on Tuesday that gunmen had killed three herders in "
                 "Marsabit county. The attack happened on Monday night, officials said.\n"
                 "A second paragraph gives more detail about the attack on the herders and the police response.",
                 encoding="utf-8")
    (doc,) = [d for d in read_path(f) if isinstance(d, Document)]
    assert doc.published == dt.date(2021, 3, 3)
    assert doc.published_from == "text"


def test_no_date_evidence_gives_no_guessed_date(tmp_path):
    f = tmp_path / "undated.txt"
    f.write_text("Gunmen killed three herders in an attack, police said. The attack happened at night.", encoding="utf-8")
    (doc,) = [d for d in read_path(f) if isinstance(d, Document)]
    assert doc.published is None and doc.published_from is None


def _datasketch_near(docs, threshold=0.5):
    """near_duplicate_of by datasketch's own MinHashLSH index, as ingest found it before it kept the bands
    itself: the reference the compact index must agree with."""
    from datasketch import MinHash, MinHashLSH

    from strife.ingest import _key

    lsh, sketches, out = MinHashLSH(threshold=threshold, num_perm=128), {}, []
    for d in docs:
        words = _key(d.text).split()
        m = MinHash(num_perm=128, seed=7)
        m.update_batch(" ".join(words[i:i + 5]).encode() for i in range(max(1, len(words) - 4)))
        cands = lsh.query(m)
        out.append(max(cands, key=lambda c: (m.jaccard(sketches[c]), c)) if cands else None)
        lsh.insert(d.doc_id, m)
        sketches[d.doc_id] = m
    return out


def test_near_duplicates_as_datasketchs_index_finds_them():
    import random

    from strife.ingest import content_hash

    rng = random.Random(3)
    towns = ["Alpha", "Bravo", "Corvo", "Delta", "Ecko", "Fenn", "Gart", "Holm"]
    paras = [f"Residents of {t} said armed men entered the market on day {i} and took {i + 2} goats "
             f"from traders before the police arrived in the afternoon." for i, t in enumerate(towns)]
    docs = []
    for n in range(40):
        text = "\n".join(rng.sample(paras, k=rng.randint(2, 5)))
        docs.append(Document(f"r{n}", text, content_hash=content_hash(text)))
    finder = DuplicateFinder(0.5)
    ours = [finder.check(d) for d in docs]
    ref = _datasketch_near([d for d, (exact, _) in zip(docs, ours) if exact is None])
    assert [near for exact, near in ours if exact is None] == ref
    assert sum(1 for r in ref if r) >= 10  # the texts share paragraphs: many near duplicates to agree on


LANGUAGE_SAMPLES = [
    "Gunmen on motorbikes attacked a market town before dawn on Sunday, burning shops and a clinic, "
    "and residents said at least six people were missing after the attackers withdrew into the forest.",
    "Des hommes armés ont attaqué dimanche à l'aube un marché de la province, incendiant des boutiques, "
    "et les habitants affirment que six personnes sont portées disparues depuis le départ des assaillants.",
    "Hombres armados atacaron el domingo al amanecer un mercado de la provincia y quemaron varias tiendas; "
    "los vecinos dicen que seis personas siguen desaparecidas desde que los atacantes se retiraron.",
    "Watu wenye silaha walishambulia soko la mji mdogo alfajiri ya Jumapili, wakachoma maduka na zahanati, "
    "na wakazi walisema watu sita hawajulikani walipo baada ya washambuliaji kuondoka.",
]


def test_the_language_model_is_unpacked_once_and_reads_as_the_packages_own(tmp_path, monkeypatch):
    import strife.ingest as ingest
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    monkeypatch.setenv("STRIFE_CACHE_DIR", str(tmp_path))
    own = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    expected = [own.classify(t) for t in LANGUAGE_SAMPLES]
    assert [lang for lang, _ in expected] == ["en", "fr", "es", "sw"]

    def loaded():
        ingest._language_identifier.cache_clear()
        return [ingest._language_identifier().classify(t) for t in LANGUAGE_SAMPLES]

    try:
        assert loaded() == expected
        (unpacked,) = tmp_path.glob("langid-*.npz")
        written = unpacked.stat().st_mtime_ns
        assert loaded() == expected
        assert unpacked.stat().st_mtime_ns == written  # read again, not unpacked again
        unpacked.write_bytes(b"not a model")
        assert loaded() == expected  # a damaged copy: the package's own file
    finally:
        ingest._language_identifier.cache_clear()


def test_a_language_model_that_cannot_be_unpacked_leaves_no_half_copy(tmp_path, monkeypatch):
    import shutil

    import strife.ingest as ingest
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    def disk_full(src, dst, length=0):
        dst.write(src.read(1000))
        raise OSError(28, "No space left on device")

    monkeypatch.setenv("STRIFE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(shutil, "copyfileobj", disk_full)
    with pytest.raises(OSError):
        ingest._unpacked_language_model(MODEL_DIR / MODEL_FILE)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    monkeypatch.setenv("STRIFE_CACHE_DIR", str(tmp_path))
    ingest._language_identifier.cache_clear()
    try:
        assert ingest.detect_language(LANGUAGE_SAMPLES[1]) == "fr"  # and the next run unpacks it whole
        assert [p.suffix for p in tmp_path.iterdir()] == [".npz"]
    finally:
        ingest._language_identifier.cache_clear()
