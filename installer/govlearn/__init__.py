"""govlearn: turn one country profile into a national learning portal for civil servants."""

__version__ = "0.1.0"
