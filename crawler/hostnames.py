"""Twisted's encoding of a host name for the wire (IDNA), worked out once a host per process."""

import functools

# Twisted's HTTP client encodes the host of every request with the `idna` package (IDNA 2008:
# each label checked against Unicode tables), as patched by Scrapy to fall back to Python's
# codec for hosts `idna` rejects (scrapy/core/downloader/_idna_patch.py): 15-18 us a request,
# 3% of Scrapy's ~600 us a page in bench/scrapy_floor.py. A crawl asks again and again for the
# same few hosts (one or a few a source's domain), and the answer depends on the host alone.
# Cached, it costs 0.05 us. Failures are not cached (lru_cache does not keep exceptions), so a
# bad host raises the same error each time. The cache is bounded: a daemon's sources are a few
# thousand hosts at most, and one past the bound is only encoded again.
CACHED_HOSTS = 4096

# Where Twisted binds the function (each module imports it by name, as Scrapy's patch notes).
_MODULES = ("twisted.internet._idna", "twisted.internet._resolver", "twisted.internet._sslverify",
            "twisted.internet.endpoints")


def cache_host_encoding() -> list[str]:
    """Put a per-process cache in front of the host encoding Scrapy patches into Twisted, in every
    module of Twisted that binds it; returns those modules' names (tests/test_crawl_hostnames.py
    checks that they are all of them and that the crawl calls the cached function). Calling it
    again changes nothing."""
    import importlib

    from scrapy.core.downloader import _idna_patch

    # What Scrapy's HTTP handlers do when they start (it leaves patched names alone), done first
    # so that the function cached is Scrapy's, with its fallbacks.
    _idna_patch._install_twisted_idna_fallbacks()
    patched = _idna_patch._patched_idna_bytes
    cached = _cached(patched)
    wrapped = []
    for name in _MODULES:
        module = importlib.import_module(name)
        if getattr(module, "_idnaBytes", None) in (patched, cached):
            module._idnaBytes = cached
            wrapped.append(name)
    return wrapped


@functools.cache
def _cached(encode):
    """The one cached version of `encode` (so that a second call wraps nothing twice)."""
    return functools.lru_cache(maxsize=CACHED_HOSTS)(encode)
