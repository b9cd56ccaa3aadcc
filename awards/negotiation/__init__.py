"""The negotiation of lower grants and the re-allocation of freed money (docs/negotiation.md):
its services, views and URL patterns (namespace "negotiation")."""
