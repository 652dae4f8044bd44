"""Draws what `ganimation aus --json` reports (the model crop as a turned square, the 68 landmarks, the
confidence) over each photo, side by side: python3 draw_faces.py OUT.jpg PHOTO JSON [PHOTO JSON ...]"""
import json
import math
import sys

from PIL import Image, ImageDraw

SCALE, SHIFT = 1.75, 0.08  # crop-geometry.json


def draw(photo, faces):
    im = Image.open(photo).convert("RGB")
    d = ImageDraw.Draw(im)
    for f in faces:
        x, y, size, _ = f["box"]
        roll = math.radians(f["roll"])
        side = SCALE * size
        cx = x + size / 2 - SHIFT * size * math.sin(roll)
        cy = y + size / 2 + SHIFT * size * math.cos(roll)
        corners = []
        for u, v in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
            px, py = u * side / 2, v * side / 2
            corners.append((cx + px * math.cos(roll) - py * math.sin(roll), cy + px * math.sin(roll) + py * math.cos(roll)))
        d.line(corners + [corners[0]], fill=(255, 200, 0), width=2)
        for px, py in f.get("landmarks", []):
            d.ellipse((px - 1.5, py - 1.5, px + 1.5, py + 1.5), fill=(0, 255, 0))
        d.text((corners[0][0] + 4, corners[0][1] + 4), f"{f['face']} {f['confidence']:.2f} roll {f['roll']:.0f}",
               fill=(255, 255, 0))
    return im


def main(out, *pairs):
    images = [draw(pairs[i], json.load(open(pairs[i + 1]))) for i in range(0, len(pairs), 2)]
    h = max(i.height for i in images)
    sheet = Image.new("RGB", (sum(i.width for i in images), h), (255, 255, 255))
    x = 0
    for i in images:
        sheet.paste(i, (x, 0))
        x += i.width
    sheet.save(out, quality=90)


if __name__ == "__main__":
    main(*sys.argv[1:])
