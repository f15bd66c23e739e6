#!/usr/bin/env python3
"""Ethash light verification with the C implementation shipped in Debian's python3-pyethash.

Usage: ethash_pyethash.py [ROUNDS]  (timed passes over the headers, the fastest is reported; default 1)
Input (stdin): one header a line, "<number> <seal hash hex> <nonce hex> <mix hash hex>".
Output (stdout), one figure a line:
  api <module|ctypes>          how the C code was reached
  cache_seconds <s>            time to build the epoch-0 cache
  verified <count> <seconds>   the fastest timed pass over all headers (after a warm-up pass)
  mismatches <count>           computed mix digests that differ from the headers'
or "unavailable <reason>" when pyethash cannot be loaded.

Debian's module is built without PY_SSIZE_T_CLEAN, so on Python >= 3.10 its functions that
take or return bytes raise SystemError. The same shared object exports the C library's own
entry points (ethash_light_new, ethash_light_compute); when the module API fails they are
called through ctypes, which adds a few microseconds to calls that take milliseconds.
"""
import ctypes
import sys
import time


def load():
    try:
        import pyethash
    except ImportError as e:
        print("unavailable cannot import pyethash (%s); install python3-pyethash" % e)
        sys.exit(0)
    try:
        t = time.perf_counter()
        cache = pyethash.mkcache_bytes(0)
        cache_seconds = time.perf_counter() - t

        def compute(number, seal_hash, nonce):
            r = pyethash.hashimoto_light(number, cache, seal_hash, nonce)
            return r["mix digest"]

        return "module", cache_seconds, compute
    except SystemError:
        pass
    lib = ctypes.CDLL(pyethash.__file__)

    class H256(ctypes.Structure):
        _fields_ = [("b", ctypes.c_uint8 * 32)]

    class Result(ctypes.Structure):
        _fields_ = [("result", H256), ("mix_hash", H256), ("success", ctypes.c_bool)]

    lib.ethash_light_new.restype = ctypes.c_void_p
    lib.ethash_light_new.argtypes = [ctypes.c_uint64]
    lib.ethash_light_compute.restype = Result
    lib.ethash_light_compute.argtypes = [ctypes.c_void_p, H256, ctypes.c_uint64]
    t = time.perf_counter()
    light = lib.ethash_light_new(0)
    cache_seconds = time.perf_counter() - t
    if not light:
        print("unavailable ethash_light_new returned NULL")
        sys.exit(0)

    def compute(number, seal_hash, nonce):
        h = H256()
        h.b[:] = seal_hash
        r = lib.ethash_light_compute(light, h, nonce)
        if not r.success:
            raise RuntimeError("ethash_light_compute failed for block %d" % number)
        return bytes(r.mix_hash.b)

    return "ctypes", cache_seconds, compute


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    headers = []
    for line in sys.stdin:
        f = line.split()
        if len(f) == 4:
            headers.append((int(f[0]), bytes.fromhex(f[1]), int(f[2], 16), bytes.fromhex(f[3])))
    for number, _, _, _ in headers:
        if number >= 30000:
            print("unavailable this script builds the epoch-0 cache only; got block %d" % number)
            return
    api, cache_seconds, compute = load()
    print("api", api)
    print("cache_seconds %.6f" % cache_seconds)
    warm = headers[: max(1, len(headers) // 10)]
    for number, seal, nonce, _ in warm:
        compute(number, seal, nonce)
    mismatches = 0
    seconds = float("inf")
    for _ in range(max(1, rounds)):
        mismatches = 0
        t = time.perf_counter()
        for number, seal, nonce, mix in headers:
            if compute(number, seal, nonce) != mix:
                mismatches += 1
        seconds = min(seconds, time.perf_counter() - t)
    print("verified %d %.6f" % (len(headers), seconds))
    print("mismatches", mismatches)


if __name__ == "__main__":
    main()
