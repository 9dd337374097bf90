"""Normalise: pages of raw text -> one clean string with an offset map (:class:`Text`)."""

from reportnlp.text.normalize import Text, normalize

__all__ = ["Text", "normalize"]
