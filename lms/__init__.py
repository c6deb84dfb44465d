"""SECTOR Learning: the site and the program core shared by the plugins."""
