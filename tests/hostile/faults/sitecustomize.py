"""Loaded by Python at start-up when this folder is on PYTHONPATH: a fault injected into a real process.

While the file named by BRIEFINGS_TEST_FAULT exists, linking the content
fails with the error a 5,000-digit number used to raise: a stand-in for any
bug in the generator, in a `briefings serve` process the test does not
otherwise control.
"""

import os

_MARKER = os.environ.get("BRIEFINGS_TEST_FAULT")

if _MARKER:
    import generator.build as _build

    _link = _build.link

    def _failing_link(*args, **kwargs):
        if os.path.exists(_MARKER):
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return _link(*args, **kwargs)

    _build.link = _failing_link
