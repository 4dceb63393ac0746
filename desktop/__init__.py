"""Amends: compose apology letters and incident notices that own the mistake, offline."""

__version__ = "0.1.0"
