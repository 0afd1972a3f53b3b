"""Makes ``generator/runtime/client/`` importable, so that ``_transport.py`` can be checked and
tested as the module it becomes. Not copied: the generated ``client/__init__.py`` is made from
``templates/client/client_init.py.jinja``, since it imports the generated clients.
"""
