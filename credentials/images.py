"""Badge images: drawn with Pillow when none is uploaded, baked with the signed credential.

Baking follows Open Badges 3.0: an iTXt chunk with keyword "openbadgecredential" holds the
credential JSON, uncompressed.
"""

import io
import textwrap

from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont, PngImagePlugin, UnidentifiedImageError

BAKED_KEYWORD = "openbadgecredential"
SIZE = 512
SECTOR_COLOURS = {
    "construction": ("#8a4b08", "#fbe3c4"),
    "it": ("#1f4e8c", "#dce8f7"),
    "health_care": ("#0f6b5c", "#d4f0ea"),
    "green": ("#2f6b1f", "#dff0d6"),
    "animation": ("#5b2a86", "#eadcf5"),
    "workplace": ("#6b3b1f", "#f4e4d6"),
}


class BakedImageError(ValueError):
    """The file is not a PNG carrying an Open Badges credential."""


def _font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType
        return ImageFont.load_default()


def draw_achievement_png(name: str, sector: str, sector_label: str) -> bytes:
    """A round badge with the achievement's name, coloured by sector."""
    dark, light = SECTOR_COLOURS.get(sector, ("#333333", "#eeeeee"))
    image = Image.new("RGBA", (SIZE, SIZE), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, SIZE - 8, SIZE - 8), fill=dark)
    draw.ellipse((36, 36, SIZE - 36, SIZE - 36), fill=light)
    lines = textwrap.wrap(name, width=16)[:4]
    font = _font(40)
    line_height = 48
    top = SIZE // 2 - (len(lines) * line_height) // 2 - 20
    for i, line in enumerate(lines):
        draw.text((SIZE // 2, top + i * line_height), line, fill=dark, font=font, anchor="ma")
    draw.text((SIZE // 2, SIZE - 120), sector_label[:28], fill=dark, font=_font(24), anchor="ma")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def achievement_png(achievement) -> bytes:
    """The achievement's image as PNG bytes (uploaded, or drawn), cached per version."""
    stamp = achievement.updated_at.timestamp() if achievement.updated_at else 0
    cache_key = f"credentials:achievement-png:{achievement.pk}:{stamp}:{achievement.image_id}"
    data = cache.get(cache_key)
    if data is not None:
        return data
    data = None
    if achievement.image_id:
        try:
            with achievement.image.file.open("rb") as handle:
                uploaded = Image.open(handle)
                uploaded.thumbnail((SIZE, SIZE))
                out = io.BytesIO()
                uploaded.convert("RGBA").save(out, "PNG")
                data = out.getvalue()
        except (OSError, UnidentifiedImageError, ValueError):
            data = None
    if data is None:
        data = draw_achievement_png(
            achievement.name, achievement.sector, str(achievement.get_sector_display())
        )
    cache.set(cache_key, data, 60 * 60 * 24)
    return data


def bake(png: bytes, credential_json: str) -> bytes:
    """A copy of ``png`` with the credential in an iTXt 'openbadgecredential' chunk."""
    image = Image.open(io.BytesIO(png))
    info = PngImagePlugin.PngInfo()
    info.add_itxt(BAKED_KEYWORD, credential_json, zip=False)
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info)
    return out.getvalue()


def unbake(data: bytes) -> str:
    """The credential JSON text baked into a PNG; raises BakedImageError otherwise."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise BakedImageError("Not a PNG file.")
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError) as exc:
        raise BakedImageError("The PNG file cannot be read.") from exc
    text = getattr(image, "text", {}).get(BAKED_KEYWORD)
    if not text:
        raise BakedImageError("The PNG file carries no credential.")
    return str(text)
