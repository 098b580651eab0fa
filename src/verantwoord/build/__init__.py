"""Building the outputs from a validated Document: the site, and what it links to."""
