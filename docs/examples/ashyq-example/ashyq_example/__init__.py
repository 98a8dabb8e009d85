"""An example ashyq plugin (docs/extending.md): one of each kind of extension."""
