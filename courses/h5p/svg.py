"""Make an uploaded SVG passive: rebuild it from an allow-list of elements and attributes.

H5P core (2024) no longer accepts SVG in a package's ``content/`` folder. Packages made before
that do carry content SVGs (backgrounds, drag-and-drop images), so instead of refusing them the
file is rebuilt: no scripts, no event handlers, no ``foreignObject``, no animation (which can
rewrite links), no references outside the file (only ``#fragment`` links, ``url(#id)`` paints and
embedded raster ``data:`` images), no DTD or entities (defusedxml refuses them).
"""

import re
import xml.etree.ElementTree as ET  # noqa: S405 (only builds and serializes; parsing is defusedxml)

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"


def _words(text: str) -> list[str]:
    return text.split()


ELEMENTS = frozenset(
    _words(
        """svg g defs title desc symbol use switch path rect circle ellipse line polyline polygon
    text tspan textPath linearGradient radialGradient stop pattern clipPath mask marker image
    style filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
    feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB
    feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight
    feSpecularLighting feSpotLight feTile feTurbulence"""
    )
)
# Dropped with everything inside them (children of <a> are kept: only the link goes).
UNWRAP = frozenset({"a"})

ATTRIBUTES = frozenset(
    _words(
        """id class style lang tabindex role aria-label aria-hidden aria-labelledby aria-describedby
    x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height d points pathLength viewBox
    preserveAspectRatio transform gradientTransform gradientUnits patternTransform patternUnits
    patternContentUnits spreadMethod offset clipPathUnits maskUnits maskContentUnits
    markerWidth markerHeight markerUnits refX refY orient filterUnits primitiveUnits
    fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap
    stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset opacity color
    stop-color stop-opacity clip-path clip-rule mask filter marker-start marker-mid marker-end
    display visibility overflow vector-effect shape-rendering text-rendering image-rendering
    color-interpolation color-interpolation-filters paint-order mix-blend-mode isolation
    font-family font-size font-weight font-style font-variant font-stretch letter-spacing
    word-spacing text-anchor dominant-baseline alignment-baseline baseline-shift
    text-decoration writing-mode direction unicode-bidi dx dy rotate textLength lengthAdjust
    startOffset method spacing href version baseProfile
    in in2 result mode type values operator k1 k2 k3 k4 stdDeviation edgeMode kernelMatrix
    order divisor bias targetX targetY scale xChannelSelector yChannelSelector
    baseFrequency numOctaves seed stitchTiles radius azimuth elevation
    specularConstant specularExponent diffuseConstant surfaceScale lighting-color
    flood-color flood-opacity pointsAtX pointsAtY pointsAtZ limitingConeAngle z
    tableValues slope intercept amplitude exponent media"""
    )
)
LOCAL_HREF = re.compile(r"#[A-Za-z_][\w.:-]*")
RASTER_DATA = re.compile(r"data:image/(png|jpe?g|gif|webp);base64,[A-Za-z0-9+/=\s]+", re.I)
# CSS is allowed only when it can reach nothing outside the file and run nothing.
CSS_DANGER = re.compile(
    r"@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding|\\|url\s*\(\s*(?!['\"]?#)",
    re.I,
)


class UnsafeSvg(ValueError):
    """The file cannot be read as an SVG image."""


def sanitize_svg(data: bytes) -> bytes:
    """Return a passive copy of ``data``; raise UnsafeSvg if it is not a well-formed SVG."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise UnsafeSvg(str(exc)) from exc
    if root.tag != f"{{{SVG}}}svg":
        raise UnsafeSvg("not an SVG document")
    clean = ET.Element(f"{{{SVG}}}svg", _attributes(root))
    clean.text = root.text if _keeps_text(root) else None
    _copy_children(root, clean)
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    return ET.tostring(clean, encoding="utf-8", xml_declaration=True)


def _local(tag) -> str | None:
    if not isinstance(tag, str) or not tag.startswith(f"{{{SVG}}}"):
        return None  # comments, processing instructions, other namespaces (editor metadata)
    return tag[len(SVG) + 2 :]


def _keeps_text(element) -> bool:
    return _local(element.tag) in {"text", "tspan", "textPath", "title", "desc", "style"}


def _copy_children(source, target) -> None:
    for child in source:
        name = _local(child.tag)
        if name in UNWRAP:
            _copy_children(child, target)  # keep what the link held, without the link
            continue
        if name not in ELEMENTS:
            continue
        if name == "style" and CSS_DANGER.search(child.text or ""):
            continue
        copy = ET.SubElement(target, child.tag, _attributes(child))
        copy.text = child.text if _keeps_text(child) else None
        if _keeps_text(source):
            copy.tail = child.tail
        _copy_children(child, copy)


def _attributes(element) -> dict:
    kept = {}
    for key, value in element.attrib.items():
        if key.startswith(f"{{{XLINK}}}"):
            name, namespace = key[len(XLINK) + 2 :], XLINK
        elif key.startswith(f"{{{XML}}}"):
            name, namespace = key[len(XML) + 2 :], XML
        elif key.startswith("{"):
            continue  # other namespaces (editors' metadata)
        else:
            name, namespace = key, None
        if namespace == XML:
            if name in {"space", "lang"}:
                kept[key] = value
            continue
        if name.lower().startswith("on") or name not in ATTRIBUTES:
            continue
        if name == "href":
            if not (LOCAL_HREF.fullmatch(value.strip()) or _embedded_image(element, value)):
                continue
        elif (name == "style" or "url(" in value.replace(" ", "").lower()) and CSS_DANGER.search(
            value
        ):
            continue
        kept[key] = value
    return kept


def _embedded_image(element, value: str) -> bool:
    return _local(element.tag) == "image" and RASTER_DATA.fullmatch(value.strip()) is not None
