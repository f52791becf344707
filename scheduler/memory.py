"""How the C allocator keeps freed memory: one setting for every policywatch process."""

import ctypes

# glibc's mallopt parameter for the top pad (malloc.h): bytes kept at the top of the heap when
# it grows, and left there when memory is freed, instead of being handed back to the kernel.
M_TOP_PAD = -2
TOP_PAD = 16 * 1024 * 1024


def pad_heap() -> bool:
    """Keep `TOP_PAD` bytes at the top of the C heap. True where the allocator took it.

    Every page with new bytes is stored as a zstd delta: a compressor and a dictionary made for
    it, about a megabyte of tables, freed at once. With glibc's default pad (128 KiB) that
    memory went back to the kernel after each page and came back as fresh, zeroed pages: ~150
    page faults a snapshot, more than half of `add_snapshot`'s CPU (`python bench/snapshots.py`:
    0.51 against 0.23 ms a write, 482,000 against 800 faults for 3,200 snapshots). The pad holds
    it. The resident size grows by what is kept, 1-2 MB in a 1,000-page crawl (bench/crawl.py),
    and stays flat after that. Elsewhere than glibc (musl ignores the call; macOS has no
    mallopt) nothing changes."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # no C library to ask, or no mallopt in it
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return mallopt(M_TOP_PAD, TOP_PAD) == 1
