#!/usr/bin/env python3
"""Writes the event-log reader's fixtures (Tests/LabTests/Fixtures/eventlogs/) from a small
plain log, in every framing Spark writes and the command-line tools write.

    python3 scripts/make-eventlog-fixtures.py    # after scripts/ensure-deps.sh
    python3 scripts/make-eventlog-fixtures.py --spark-jars .../pyspark/jars    # and check

Why a script: the reader's tests must see the bytes Spark writes, and a JVM with Spark is
not something the project can count on, so the Java framings are re-created from their
published layout around blocks compressed by the same C libraries the reader decodes with
(loaded with ctypes from the -dev packages that scripts/ensure-deps.sh installs; Python
needs nothing beyond its standard library):

  * lz4-java LZ4BlockOutputStream (Spark's LZ4CompressionCodec, 32 KiB blocks):
    "LZ4Block", token (method | log2(block size) - 10), compressed and decoded lengths
    and the block's xxhash32 (seed 0x9747b28c, low 28 bits), little-endian; an empty
    block ends the stream.
  * snappy-java SnappyOutputStream (Spark's SnappyCompressionCodec, 32 KiB blocks):
    "\\x82SNAPPY\\x00", version 1, compatible version 1, then per block a big-endian
    length and raw snappy data.
  * compress-lzf LZFOutputStream (Spark's LZFCompressionCodec, 64 KiB - 1 chunks):
    "ZV", type 1 with big-endian compressed and decoded lengths, or type 0 stored.
  * zstd (Spark's ZStdCompressionCodec writes standard frames), gzip (mtime 0, so the
    bytes do not depend on the day), the LZ4 frame format and the snappy framing format
    (what the `lz4` tool and `python -m snappy` / `snzip` write).

The output is reproducible for given library versions; the tests compare decoded lines,
never compressed bytes, so another version's bytes pass as well.

With --spark-jars, scripts/SparkEventLogCodecs.java also compresses the sample with
Spark's own CompressionCodec classes: the lz4 and snappy files must be byte-identical to
this script's (they were with Spark 4.3.0: lz4-java 1.11.0, snappy-java 1.1.10.8), and
Spark's lzf and zstd files, whose compressors differ from liblzf's and libzstd's, are kept
as spark-4.3-codec.lzf and spark-4.3-codec.zstd (those two are not rewritten without it).

The plain log is lines 1-24 of a real Spark 4.3 event log from the project's validation
set (without its second 90 KB environment line, to stay small): one line is longer than
the reader's 64 KiB chunk. The cut-off logs (*.inprogress) and stored-blocks.lz4 (every
block stored, method 0x10, which lz4-java writes only for incompressible data) hold the
sample's lines 10-23 only. The public log is copied whole, as Spark wrote it, gzipped.
"""
import ctypes
import gzip
import os
import shutil
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "LabTests", "Fixtures", "eventlogs")
PUBLIC_LOG = "etl_sleep__local-cluster-2-2-1024__rep1.jsonl.gz"
PUBLIC_SOURCE = os.path.join(ROOT, "..", "shared", "validation", "spark-replay", "eventlogs", PUBLIC_LOG)
APP_ID = "local-1764958163245"


def library(name):
    try:
        return ctypes.CDLL(name)
    except OSError:
        sys.exit(f"error: {name} not found; run scripts/ensure-deps.sh first")


zstd = library("libzstd.so.1")
lz4 = library("liblz4.so.1")
snappy = library("libsnappy.so.1")
xxhash = library("libxxhash.so.0")
lzf = library("liblzf.so.1")
for fn in (zstd.ZSTD_compressBound, lz4.LZ4F_compressFrameBound, snappy.snappy_max_compressed_length):
    fn.restype = ctypes.c_size_t
zstd.ZSTD_compress.restype = ctypes.c_size_t
zstd.ZSTD_compress.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int]
zstd.ZSTD_compressBound.argtypes = [ctypes.c_size_t]
lz4.LZ4F_compressFrame.restype = ctypes.c_size_t
lz4.LZ4F_compressFrame.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_void_p]
lz4.LZ4F_compressFrameBound.argtypes = [ctypes.c_size_t, ctypes.c_void_p]
lz4.LZ4_compress_default.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
snappy.snappy_max_compressed_length.argtypes = [ctypes.c_size_t]
snappy.snappy_compress.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.POINTER(ctypes.c_size_t)]
xxhash.XXH32.restype = ctypes.c_uint32
xxhash.XXH32.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint32]
lzf.lzf_compress.restype = ctypes.c_uint
lzf.lzf_compress.argtypes = [ctypes.c_char_p, ctypes.c_uint, ctypes.c_char_p, ctypes.c_uint]


def blocks(data, size):
    return [data[i:i + size] for i in range(0, len(data), size)]


def zstd_frame(data, level=1):
    out = ctypes.create_string_buffer(zstd.ZSTD_compressBound(len(data)))
    n = zstd.ZSTD_compress(out, len(out), data, len(data), level)
    assert n < len(out), "ZSTD_compress failed"
    return out.raw[:n]


def lz4_frame(data):
    out = ctypes.create_string_buffer(lz4.LZ4F_compressFrameBound(len(data), None))
    n = lz4.LZ4F_compressFrame(out, len(out), data, len(data), None)
    assert n < len(out), "LZ4F_compressFrame failed"
    return out.raw[:n]


def lz4_java(data, block_size=32 * 1024, force_stored=False):
    """lz4-java's LZ4BlockOutputStream: stored blocks only where LZ4 does not shrink the
    block, unless force_stored (a fixture for the stored-block path)."""
    level = max(0, (block_size - 1).bit_length() - 10)
    out = bytearray()
    for block in blocks(data, block_size):
        check = xxhash.XXH32(block, len(block), 0x9747B28C) & 0xFFFFFFF
        packed = ctypes.create_string_buffer(len(block) + len(block) // 255 + 16)
        n = lz4.LZ4_compress_default(block, packed, len(block), len(packed))
        if force_stored or n <= 0 or n >= len(block):
            method, body = 0x10, block
        else:
            method, body = 0x20, packed.raw[:n]
        out += b"LZ4Block" + struct.pack("<BiiI", method | level, len(body), len(block), check) + body
    return bytes(out + b"LZ4Block" + struct.pack("<BiiI", 0x10 | level, 0, 0, 0))


def snappy_block(data):
    out = ctypes.create_string_buffer(snappy.snappy_max_compressed_length(len(data)))
    size = ctypes.c_size_t(len(out))
    assert snappy.snappy_compress(data, len(data), out, ctypes.byref(size)) == 0, "snappy_compress failed"
    return out.raw[:size.value]


def snappy_java(data, block_size=32 * 1024):
    out = bytearray(b"\x82SNAPPY\x00" + struct.pack(">ii", 1, 1))
    for block in blocks(data, block_size):
        packed = snappy_block(block)
        out += struct.pack(">i", len(packed)) + packed
    return bytes(out)


def crc32c(data):
    """CRC-32C (Castagnoli), bit by bit: only for the snappy framing format's chunks."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def snappy_framed(data):
    out = bytearray(b"\xff\x06\x00\x00sNaPpY")
    for block in blocks(data, 65536):
        crc = crc32c(block)
        masked = (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF
        body = struct.pack("<I", masked) + snappy_block(block)
        out += bytes([0x00]) + struct.pack("<I", len(body))[:3] + body
    return bytes(out)


def lzf_chunks(data, chunk_size=0xFFFF):
    out = bytearray()
    for chunk in blocks(data, chunk_size):
        packed = ctypes.create_string_buffer(len(chunk))
        n = lzf.lzf_compress(chunk, len(chunk), packed, len(chunk) - 1)
        if n == 0:
            out += b"ZV\x00" + struct.pack(">H", len(chunk)) + chunk
        else:
            out += b"ZV\x01" + struct.pack(">HH", n, len(chunk)) + packed.raw[:n]
    return bytes(out)


def gzipped(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def write(name, data):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def sample_lines():
    with gzip.open(PUBLIC_SOURCE, "rb") as f:
        lines = f.read().split(b"\n")[:24]
    del lines[8]  # the second environment update: one 90 KB line is enough
    return lines


def spark_codecs(jars, plain_path):
    """Spark's own codecs on the sample: checks lz4 and snappy, keeps lzf and zstd."""
    with tempfile.TemporaryDirectory() as tmp:
        java = os.path.join(ROOT, "scripts", "SparkEventLogCodecs.java")
        subprocess.run(["java", "-cp", os.path.join(jars, "*"), java, plain_path, tmp], check=True)
        for codec in ("lz4", "snappy"):
            with open(os.path.join(tmp, "spark." + codec), "rb") as f:
                spark = f.read()
            with open(os.path.join(OUT, f"{APP_ID}.{codec}"), "rb") as f:
                ours = f.read()
            print(f"{codec}: {'identical to' if spark == ours else 'DIFFERENT from'} Spark's codec")
        for codec in ("lzf", "zstd"):
            shutil.copyfile(os.path.join(tmp, "spark." + codec), os.path.join(OUT, "spark-4.3-codec." + codec))


def main():
    if not os.path.exists(PUBLIC_SOURCE):
        sys.exit(f"error: {PUBLIC_SOURCE} not found (the shared validation logs)")
    jars = sys.argv[2] if len(sys.argv) == 3 and sys.argv[1] == "--spark-jars" else None
    kept = {}
    for name in ("spark-4.3-codec.lzf", "spark-4.3-codec.zstd"):
        if not jars and os.path.exists(os.path.join(OUT, name)):
            with open(os.path.join(OUT, name), "rb") as f:
                kept[name] = f.read()
    shutil.rmtree(OUT, ignore_errors=True)
    for name, data in kept.items():
        write(name, data)
    lines = sample_lines()
    plain = b"\n".join(lines) + b"\n"
    write("sample.jsonl", plain)
    write("sample.jsonl.gz", gzipped(plain))
    write(f"{APP_ID}.zstd", zstd_frame(plain))
    write("sample.zst", zstd_frame(plain, level=3))
    write(f"{APP_ID}.lz4", lz4_java(plain))
    # From the job start on (no 90 KB line), for the smaller fixtures below.
    tail = lines[9:]
    write("stored-blocks.lz4", lz4_java(b"".join(line + b"\n" for line in tail), block_size=4096, force_stored=True))
    write("sample-frame.lz4", lz4_frame(plain))
    write(f"{APP_ID}.snappy", snappy_java(plain))
    write("sample-framed.snappy", snappy_framed(plain))
    write(f"{APP_ID}.lzf", lzf_chunks(plain))
    # A log Spark was still writing: the last line stops mid-event, with no newline.
    cut = b"".join(line + b"\n" for line in tail[:-1]) + tail[-1][: len(tail[-1]) // 2]
    write(f"{APP_ID}.inprogress", cut)
    write(f"{APP_ID}.zstd.inprogress", zstd_frame(cut))
    # A rolling log in 11 parts, so that names sort 1, 10, 11, 2...: read in numeric order.
    rolling = f"eventlog_v2_{APP_ID}"
    bounds = [len(lines) * index // 11 for index in range(12)]
    for index in range(11):
        part = b"".join(line + b"\n" for line in lines[bounds[index]:bounds[index + 1]])
        write(f"{rolling}/events_{index + 1}_{APP_ID}.zstd", zstd_frame(part))
    write(f"{rolling}/appstatus_{APP_ID}", b"")
    shutil.copyfile(PUBLIC_SOURCE, os.path.join(OUT, PUBLIC_LOG))
    if jars:
        spark_codecs(jars, os.path.join(OUT, "sample.jsonl"))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
