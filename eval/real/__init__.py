"""How `briefings ingest` reads real articles it was not written for.

    python -m eval.real                         # figures on the held-out test set, per language
    python -m eval.real --split dev --details   # the development set, every miss

The set (`eval/real/labels/*.yml`) was gathered from stored public news pages
and labelled before any rule was written for it; `LABELLING.md` says how.
Batch a (72 articles) is the development set; batch b, gathered and
labelled later by helpers who saw neither the code nor batch a's texts, is
the held-out test set (`score.labelled` says more).
The texts are other people's sentences and stay out of git
(`eval/real/texts/`, git-ignored): without them the command says so and
exits with status 2.

Each article is ingested as a curator would: its outlet known by name (as
after `--outlet`), against the bundled actors and events plus the story's
other actors and events in `eval/real/content/`. Places (actors of kind
`place`) were not labelled and are not scored as actors. `--details`
refuses to show the test set.
"""
