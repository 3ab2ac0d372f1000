"""ruankao-desktop: certificate lookup, handover, reissue and verifiable copies for 软考 exam centres."""

__version__ = "0.1.0"
