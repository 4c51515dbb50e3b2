"""One module (or package) per component, each defining COMPONENT: a Calculator (trade_off.py is
the pattern to copy) or a Component with actions of its own (packet/, impact_log/). The registry
in calculators/__init__.py finds them all, and a page's own component by the module named after
its slug (log.py names impact_log's, whose slug is "log")."""
