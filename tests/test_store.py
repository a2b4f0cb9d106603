"""store: the mentions' rows spooled as reports are coded store exactly what rows made at the end do."""
from __future__ import annotations

from pathlib import Path

from strife.fuse import fuse
from strife.ingest import ingest
from strife.models import Document, to_dict
from strife.pipeline import process_documents
from strife.settings import Settings
from strife.store import RowSpool, Store

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _table(path: Path, table: str) -> list:
    with Store(path, read_only=True) as st:
        return st.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def test_spooled_mention_rows_store_what_the_mentions_do(tmp_path):
    docs = [d for d in ingest(sorted(SAMPLES.glob("*.txt"))) if isinstance(d, Document) and d.status == "ok"]
    results = list(process_documents(docs, Settings(), rows=True))
    mentions = [m for r in results for m in r.mentions]
    assert mentions and all(len(r.rows) == len(r.mentions) for r in results)
    events = fuse(mentions, {d.doc_id: d for d in docs})
    with RowSpool() as spool:
        for r in results:
            spool.write(r.rows)
        with Store(tmp_path / "spooled.duckdb") as st:
            st.save_run(docs, mentions, [], events, mention_rows=spool)
        spooled = Path(spool.path)
        assert spooled.exists()
        # fusion reads the run's mentions back from the spool: exactly the mentions that were coded
        assert [to_dict(m) for m in spool.mentions()] == [to_dict(m) for m in mentions]
    assert not spooled.exists()  # the spool is removed with the run
    # kept as they come (a process whose workers code the reports): the same mentions, the same file
    with RowSpool(keep=True) as kept:
        for r in results:
            kept.write(r.rows)
        assert [to_dict(m) for m in kept.mentions()] == [to_dict(m) for m in mentions]
        assert len(Path(kept.done()).read_text(encoding="utf-8").splitlines()) == len(mentions)
    with Store(tmp_path / "made.duckdb") as st:
        st.save_run(docs, mentions, [], events)
    made = _table(tmp_path / "made.duckdb", "mentions")
    assert len(made) == len(mentions)
    assert _table(tmp_path / "spooled.duckdb", "mentions") == made
    with Store(tmp_path / "spooled.duckdb", read_only=True) as st:
        assert {m.mention_id for m in st.mentions()} == {m.mention_id for m in mentions}
