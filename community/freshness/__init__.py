"""The directory's freshness check: entries kept current by their producers, who are
asked "Is this still right?" and answer through a signed link, without an account."""
