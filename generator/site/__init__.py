"""The site: course -> pages and assets, the MkDocs plugin, and the atomic build."""
