"""QR codes drawn as inline SVG, so phones scan them and screen readers skip them."""

import qrcode
import qrcode.image.svg


def qr_svg(data: str, *, box_size: int = 8) -> str:
    """An <svg> element encoding ``data`` (no XML declaration, ready to inline)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size)
    svg = image.to_string(encoding="unicode")
    return svg.split("?>", 1)[-1].strip()
