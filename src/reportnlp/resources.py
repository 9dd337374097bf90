"""Where the shipped models and data live (``models/``), installed or in a checkout."""

from __future__ import annotations

from pathlib import Path


def models_dir() -> Path:
    """The ``models/`` folder: inside the installed wheel, else at the repository root."""
    packaged = Path(__file__).with_name("models")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "models"
