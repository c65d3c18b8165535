"""Batched extraction (``Pipeline.map``, the runner's path): same output as one document
at a time, and one document's failure stays its own."""

from __future__ import annotations

from pathlib import Path

from fogofwar.extract.pipeline import Pipeline, build, extract_documents
from fogofwar.ingest.readers import iter_files, read_path
from fogofwar.model import AnnotatedDoc, Document
from fogofwar.resources import Resources
from fogofwar.runner import PipelineExtractor, run_batch
from fogofwar.store import open_store

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "fogofwar" / "data" / "samples"


def _sample_docs() -> list[Document]:
    docs = []
    for path in iter_files([SAMPLES]):
        if isinstance(path, Path):
            docs.extend(d for d in read_path(path) if isinstance(d, Document))
    return docs


def test_batches_give_the_same_annotations_as_one_document_at_a_time(res: Resources) -> None:
    docs = _sample_docs()
    assert len(docs) >= 15
    pipe = build()
    one_by_one = [pipe(AnnotatedDoc(d), res=res) for d in docs]
    # batches of 4 over ~36 documents: several full batches and a short last one
    mapped = list(pipe.map(docs, res=res, batch=4))
    assert [d.id for d, _ in mapped] == [d.id for d in docs]
    assert [ad for _, ad in mapped] == one_by_one
    assert list(extract_documents(docs[:5], res=res, pipeline=pipe)) == one_by_one[:5]


def _stages(calls: list[tuple[str, str]]) -> Pipeline:
    def first(ad: AnnotatedDoc, *, res: Resources) -> AnnotatedDoc:
        calls.append(("first", ad.doc.text))
        if "boom" in ad.doc.text:
            raise ValueError("first stage failed")
        return ad

    def second(ad: AnnotatedDoc, *, res: Resources) -> AnnotatedDoc:
        calls.append(("second", ad.doc.text))
        return ad

    return Pipeline(("first.v1", "second.v1"), (first, second))


def test_a_failing_document_does_not_stop_its_batch(res: Resources) -> None:
    calls: list[tuple[str, str]] = []
    texts = ["Shelling hit Idlib.", "boom", "Clashes near Sirte."]
    docs = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
    out = list(_stages(calls).map(docs, res=res, batch=8))
    assert [type(r).__name__ for _, r in out] == ["AnnotatedDoc", "ValueError", "AnnotatedDoc"]
    # stage by stage over the batch; the failed document skips the later stage
    assert calls == [("first", t) for t in texts] + [("second", texts[0]), ("second", texts[2])]


def test_runner_records_a_batch_failure_and_saves_the_rest(tmp_path: Path, res: Resources) -> None:
    for n, text in enumerate(["Militants shelled Idlib.", "boom", "Clashes near Sirte."]):
        (tmp_path / f"{n}.txt").write_text(text)
    (tmp_path / "3.txt").write_text("Militants shelled Idlib.")  # same content as 0.txt
    ext = PipelineExtractor(_stages([]), res)
    with open_store(":memory:") as store:
        report = run_batch(store, [tmp_path], extractor=ext, progress=False)
        assert (report.read, report.extracted, report.duplicates) == (4, 2, 1)
        assert [reason for _, reason in report.failed] == ["ValueError: first stage failed"]
        assert len(store.pending_ids()) == 1  # the failed one, kept for a retry
