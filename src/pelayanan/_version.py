"""The distribution version, read by the build backend and recorded in every result."""

__version__ = "0.1.0"
