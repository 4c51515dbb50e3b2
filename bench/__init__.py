"""`make bench`: how fast the calculators are in a real browser. A report, never a test."""
