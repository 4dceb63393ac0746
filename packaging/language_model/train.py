"""Train the checker's English tagger, lemmatiser and parser on UD English EWT.

Amends ships a model it trained itself, so that every part of the bundle has
an origin we can name: spaCy's code (MIT) and the Universal Dependencies
English Web Treebank (CC BY-SA 4.0). Nothing downloads; the treebank is read
from the folder given, and the result is written into resources/.

    pip install -e ".[train]"
    python packaging/language_model/train.py --treebank PATH/ud-english-ewt

takes about an hour on two cores; `--ship-only` packages what an earlier run trained.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
SHIPPED = PROJECT / "resources" / "language" / "en_ewt"
CREDIT = "Universal Dependencies English Web Treebank (CC BY-SA 4.0)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treebank", type=Path, required=True, help="folder holding en_ewt-ud-*.conllu")
    parser.add_argument("--work", type=Path, default=PROJECT / "build" / "language_model")
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--ship-only", action="store_true", help="package the best model of an earlier run")
    args = parser.parse_args()

    work: Path = args.work
    corpus = work / "corpus"
    output = work / "output"
    corpus.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev", "test"):
        source = args.treebank / f"en_ewt-ud-{split}.conllu"
        if not source.is_file():
            sys.exit(f"train.py: {source} not found")
        if not args.ship_only:
            _spacy("convert", str(source), str(corpus), "--converter", "conllu", "--n-sents", "10")

    if not args.ship_only:
        overrides = [
            f"--paths.train={corpus / 'en_ewt-ud-train.spacy'}",
            f"--paths.dev={corpus / 'en_ewt-ud-dev.spacy'}",
        ]
        if args.max_steps:
            overrides.append(f"--training.max_steps={args.max_steps}")
        _spacy(
            "train",
            str(HERE / "config.cfg"),
            "--output",
            str(output),
            "--code",
            str(HERE / "case_variants.py"),
            *overrides,
        )

    staged = work / "staged"
    _with_rule_lemmatizer(output / "model-best", staged)
    scores_file = work / "test-scores.json"
    _spacy("evaluate", str(staged), str(corpus / "en_ewt-ud-test.spacy"), "--output", str(scores_file))
    _ship(staged, json.loads(scores_file.read_text()))
    return 0


AUXILIARY_FORMS = {
    "be": ["am", "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "'m", "’s", "’re", "’m"],
    "have": ["have", "has", "had", "having", "'ve", "’ve"],
    "do": ["do", "does", "did", "doing", "done"],
    "get": ["get", "gets", "got", "gotten", "getting"],
    "will": ["will", "wo", "'ll", "’ll"],
    "would": ["would", "'d", "’d"],
    "can": ["can", "ca"],
    "shall": ["shall", "sha"],
    "not": ["not", "n't", "n’t"],
}


def _with_rule_lemmatizer(best: Path, staged: Path) -> None:
    """The trained pipeline with spaCy's rule lemmatiser in place of the trained one.

    The trained lemmatiser learns edits from the treebank's words and guesses wrongly on
    words it never saw ("bungled" stays "bungled", "cancelled" becomes "cancelle"); the
    rules with WordNet's word index get regular English right from the tagger's part of
    speech, which is what word classes in the rule files rely on.
    """
    import spacy
    from spacy.lookups import load_lookups

    nlp = spacy.load(best)
    nlp.remove_pipe("trainable_lemmatizer")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lemmatizer.initialize(lookups=load_lookups("en", ["lemma_rules", "lemma_exc", "lemma_index"]))
    # The tables hold open-class words only; auxiliaries and contractions are listed here.
    auxiliaries = nlp.add_pipe("attribute_ruler", name="auxiliary_lemmas", after="lemmatizer")
    for lemma, forms in AUXILIARY_FORMS.items():
        auxiliaries.add([[{"LOWER": {"IN": forms}}]], {"LEMMA": lemma})
    if staged.exists():
        shutil.rmtree(staged)
    nlp.to_disk(staged)


def _spacy(*argv: str) -> None:
    subprocess.run([sys.executable, "-m", "spacy", *argv], check=True)


def _ship(best: Path, test_scores: dict[str, object]) -> None:
    """Copy the trained pipeline into resources/, with what it is and where it came from."""
    if SHIPPED.exists():
        shutil.rmtree(SHIPPED)
    shutil.copytree(best, SHIPPED)
    meta_path = SHIPPED / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta.update(
        name="en_ewt",
        version="1.0.0",
        description="Tagger, lemmatiser and parser for Amends' checker, trained on UD English EWT.",
        author="Amends",
        license="CC BY-SA 4.0",
        sources=[
            {
                "name": CREDIT,
                "url": "https://github.com/UniversalDependencies/UD_English-EWT",
                "license": "CC BY-SA 4.0",
            },
            {
                "name": "WordNet 3.0 lemma tables (spacy-lookups-data)",
                "url": "https://wordnet.princeton.edu/",
                "license": "WordNet 3.0 licence",
            },
        ],
        test_scores={k: v for k, v in test_scores.items() if isinstance(v, float)},
    )
    meta.pop("performance", None)
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    import spacy_lookups_data  # the WordNet notice must travel with its tables

    notice = Path(spacy_lookups_data.__file__).parent / "data" / "en_license.txt"
    shutil.copyfile(notice, SHIPPED / "WORDNET-LICENSE.txt")
    print(
        f"shipped {SHIPPED} ({sum(f.stat().st_size for f in SHIPPED.rglob('*') if f.is_file()) / 1e6:.1f} MB)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
