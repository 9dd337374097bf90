"""Per-value confidence: features (the evidence), the fitted models that weigh them, and
their calibration on the corpus."""
