"""The MkDocs side of Briefings: building site/ from briefings/.

- `manifest.py`: what each page of a built site was made from (the site
  manifest kept inside the site folder) and the digest of everything that
  every page depends on (configuration, theme, hook code, navigation).
- `incremental.py`: the MkDocs plugin object the hook installs, which renders
  only the pages whose inputs changed, takes the others from the previous
  site, and makes every whole-site file (the search index, the sitemap, 404)
  exactly what a clean build writes.
"""
