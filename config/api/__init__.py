"""The read-only JSON API for partners, agreements, missions, sectors and trade figures
(/api/v1/, docs/api.md). It reads every app, so it sits in config, the top layer."""
