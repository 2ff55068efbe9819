"""Tracking: querying pledges, and computing progress, pace, staleness, summaries and changes.

Also the updates a tracker makes: recording measurements, marking statuses in bulk
(``gt import``) and drafting new commitments.
"""
