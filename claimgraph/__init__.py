"""claimgraph: attributed claims from news reports and intelligence updates."""

__version__ = "0.1.0"
