"""H5P packages: checks before unpacking, unpacking to media storage, serving the files."""
