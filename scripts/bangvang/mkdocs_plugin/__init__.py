"""The MkDocs adapter: a plugin that hands the site to the core and renders what it returns."""
