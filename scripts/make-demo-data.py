#!/usr/bin/env python3
"""Makes IRPrune's bundled demo set from the Debian package dataset-fashion-mnist.

The demo set is the first 12,000 training and the first 2,000 test images of Fashion-MNIST
(with their labels), in the original IDX format, gzipped. It lives in
src/main/resources/dev/irprune/data/demo/ next to the data set's MIT licence.

Needs only Python 3 (standard library) and the Debian files:

    sudo apt-get install dataset-fashion-mnist
    python3 scripts/make-demo-data.py            # writes the four .gz files and SHA256SUMS

How to verify that the committed files are exactly what this script makes:

    python3 scripts/make-demo-data.py --check    # rebuilds in memory, compares byte for byte, exit 0 = identical
    (cd src/main/resources/dev/irprune/data/demo && sha256sum -c SHA256SUMS)   # the committed checksums

The output is reproducible: each IDX header keeps its magic number and takes the new image count,
the data is the first N items unchanged, and gzip is written with compression level 9, mtime 0 and
no file name, so the bytes depend only on the input and on zlib's deflate (identical in zlib 1.2.x and
1.3.x; the files were made with zlib 1.2.13). If --check reports "same content, other compression",
your Python uses a different deflate (e.g. zlib-ng): the data is right, only the compressed bytes differ.
"""
import argparse
import gzip
import hashlib
import io
import pathlib
import struct
import sys

SOURCE = pathlib.Path("/usr/share/datasets/fashion-mnist")
OUT = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/dev/irprune/data/demo"

# file base name -> (number of items to keep, sha256 of the whole uncompressed Debian file)
FILES = {
    "train-images-idx3-ubyte": (12000, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
    "train-labels-idx1-ubyte": (12000, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
    "t10k-images-idx3-ubyte": (2000, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
    "t10k-labels-idx1-ubyte": (2000, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
}


def read_source(base):
    path = SOURCE / (base + ".gz")
    if not path.is_file():
        path = SOURCE / base
    if not path.is_file():
        sys.exit(f"{SOURCE / base}[.gz]: missing; install the Debian package dataset-fashion-mnist")
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    digest = hashlib.sha256(data).hexdigest()
    if digest != FILES[base][1]:
        sys.exit(f"{path}: content SHA-256 {digest}, expected {FILES[base][1]} (not the known Fashion-MNIST)")
    return data


def subset(data, keep):
    """The IDX file with only its first `keep` items: same magic, new first dimension."""
    magic, count = struct.unpack(">II", data[:8])
    dims = magic & 0xFF
    sizes = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    item = 1
    for s in sizes[1:]:
        item *= s
    header_len = 4 + 4 * dims
    assert count == sizes[0] >= keep
    header = struct.pack(">I", magic) + struct.pack(">" + "I" * dims, keep, *sizes[1:])
    return header + data[header_len:header_len + keep * item]


def compress(data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=buf, mtime=0) as gz:
        gz.write(data)
    return buf.getvalue()


def build():
    """name -> (gzipped bytes, raw bytes) for the four demo files."""
    result = {}
    for base, (keep, _) in FILES.items():
        raw = subset(read_source(base), keep)
        result[base + ".gz"] = (compress(raw), raw)
    return result


def sums(files):
    return "".join(f"{hashlib.sha256(gz).hexdigest()}  {name}\n" for name, (gz, _) in sorted(files.items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    parser.add_argument("--out", type=pathlib.Path, default=OUT, help="output folder (default: %(default)s)")
    args = parser.parse_args()
    files = build()
    expected = dict(files, SHA256SUMS=(sums(files).encode(), None))
    if args.check:
        bad = 0
        for name, (data, raw) in expected.items():
            path = args.out / name
            actual = path.read_bytes() if path.is_file() else None
            if actual == data:
                print(f"ok       {path}")
                continue
            bad += 1
            if actual is not None and raw is not None and gzip.decompress(actual) == raw:
                print(f"DIFFERS  {path}: same content, other compression (another zlib?)")
            else:
                print(f"DIFFERS  {path}")
        sys.exit(1 if bad else 0)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in expected.items():
        (args.out / name).write_bytes(data)
        print(f"wrote {args.out / name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
