"""kazpolity — Kazakhstan's political system as executable, verifiable Python."""

__version__ = "0.1.0"
