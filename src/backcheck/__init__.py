"""backcheck: lower back pain assessment with red-flag screening and cited self-care advice.

backcheck is not a diagnosis. See README.md.
"""

from backcheck.__about__ import __version__

__all__ = ["__version__"]
