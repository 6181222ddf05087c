"""Pictures drawn at build time as static SVG: the visual timeline, coverage charts, the map.

Python works out the geometry from the linked graph; the pages' templates decide where a
picture stands, and each picture sits beside a text equivalent (a list or a table).
"""
