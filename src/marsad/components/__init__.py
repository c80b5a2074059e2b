"""Built-in pipeline components, one stage per module.

Each module registers its component with :func:`marsad.registry.component`; the modules are listed
in the ``marsad.components`` entry-point group of ``pyproject.toml``, exactly as a third-party
package would list its own.
"""
