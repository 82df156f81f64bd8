"""How the static files are stored for serving: whitenoise's, compressed, with hashed names."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Without rewriting the scripts' source-map comments: Leaflet.markercluster's package
    names a map it does not ship, which would fail collectstatic (our own scripts have
    none; a browser's developer tools ask for the map by its plain name, and miss it)."""

    patterns = tuple(
        (files, rewrites)
        for files, rewrites in CompressedManifestStaticFilesStorage.patterns
        if files != "*.js"
    )
