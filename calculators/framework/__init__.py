"""The machinery every component uses; nothing here names a component."""
