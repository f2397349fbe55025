"""One module per report: each builds its typed context from the data and the decisions."""
