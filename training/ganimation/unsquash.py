"""Restore the aspect ratio of frames that were resized to a square (e.g. 178x218 CelebA frames stored
at 128x128), so faces are not vertically squashed before detection and cropping."""
import argparse
from pathlib import Path

from PIL import Image


def unsquash(src: Path, dst: Path, aspect_w: int, aspect_h: int) -> int:
    dst.mkdir(parents=True, exist_ok=True)
    if dst.resolve().is_relative_to(src.resolve()):
        raise SystemExit("the output folder must not be inside the input folder")
    n = 0
    for p in sorted(src.iterdir()):
        if p.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            continue
        with Image.open(p) as im:
            w, h = im.size
            # Keep the width, stretch the height back to the original proportions.
            new_h = round(w * aspect_h / aspect_w)
            im.convert("RGB").resize((w, new_h), Image.BICUBIC).save(dst / (p.stem + ".png"))
        n += 1
    return n


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--input", required=True, type=Path)
    ap.add_argument("--output", required=True, type=Path)
    ap.add_argument("--aspect", default="178:218", help="original width:height (default 178:218, CelebA)")
    a = ap.parse_args(argv)
    w, h = (int(x) for x in a.aspect.split(":"))
    print(f"{unsquash(a.input, a.output, w, h)} frames written to {a.output}")


if __name__ == "__main__":
    main()
