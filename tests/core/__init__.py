"""Tests of the core model and scoring engine against hand-computed expectations."""
