"""The analyst's side: key judgements on a probability yardstick, their lint, and how well
calibrated they turned out once resolved."""
