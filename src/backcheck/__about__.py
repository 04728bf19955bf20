"""The one version string of backcheck."""

__version__ = "0.1.0"
