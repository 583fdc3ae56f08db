"""The domain core: models, readers, validation and Vietnamese text rules, free of MkDocs."""
