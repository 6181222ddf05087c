"""Briefings: news articles plus curated YAML in, a cross-linked MkDocs site out.

The package layout is the pipeline: `load` reads content/, `validate` checks
it across files, `link` resolves ids into a graph, `render` turns the graph
into Markdown through the templates, and `write` updates briefings/.
`build` runs them in order; `cli` is the command line.
"""
