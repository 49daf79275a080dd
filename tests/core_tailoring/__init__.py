"""Tests for tailoring rubrics with overlays."""
