"""Tests of the built-in rubric and zone-scheme files (rubrics/)."""
