"""Offline machine translation with a reviewable PO translation memory."""
