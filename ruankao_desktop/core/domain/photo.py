"""The applicant's photo: a colour JPEG of at least 295×413 px, at most 2 MB, on a white background.

`check_photo` reports every problem it finds as a `FieldProblem` on the field "photo" and never raises,
whatever bytes it is given. The background is judged on the border of the picture (docs/domain.md "Reissue"):
the top strip and the upper part of the side strips, because in a half-length portrait the shoulders
reach the bottom and the lower sides. The thresholds are lenient: a white wall in ordinary light passes,
a blue, red or grey backdrop does not.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageChops

from ruankao_desktop.core.domain.reissue import FieldProblem

MIN_WIDTH = 295
MIN_HEIGHT = 413
MAX_BYTES = 2_000_000
# Larger pictures are refused without decoding them: far beyond any ID photo, and a decompression bomb.
MAX_PIXELS = 50_000_000

# The formats a photo may plausibly arrive in. Restricting Pillow to these keeps random bytes from being
# taken for one of the exotic formats whose signatures are weak. (Pillow's JPEG opener also reads MPO,
# the multi-picture JPEG some cameras write, and reports it as such.)
_OPEN_FORMATS = ("JPEG", "PNG", "GIF", "BMP", "TIFF", "WEBP")
_JPEG_FORMATS = frozenset({"JPEG", "MPO"})
_GREY_MODES = frozenset({"1", "L", "LA", "La", "I", "I;16", "F"})
_SAMPLE_BOX = (240, 320)  # colours are judged on a thumbnail no larger than this
_BORDER_SHARE = 0.05  # the outer 5 % of each side
_SIDE_DEPTH = 0.6  # side strips stop here, above the shoulders
# A border is white when its median brightness (0–255) reaches _WHITE_MIN_LUMA and its median colourfulness
# (max − min of R, G, B) stays within _WHITE_MAX_CHROMA.
_WHITE_MIN_LUMA = 170
_WHITE_MAX_CHROMA = 40
# A picture is in colour when at least _COLOUR_SHARE of its pixels are clearly coloured.
_COLOUR_CHROMA = 24
_COLOUR_SHARE = 0.02
_EXIF_ORIENTATION = 0x0112
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SIDEWAYS = frozenset({5, 6, 7, 8})


def _problem(code: str, **params: object) -> FieldProblem:
    return FieldProblem("photo", code, params)


def check_photo(data: bytes) -> list[FieldProblem]:
    """Every problem of the photo file `data`, in the order the applicant would fix them; empty if good."""
    try:
        image = Image.open(io.BytesIO(data), formats=_OPEN_FORMATS)
    except Image.DecompressionBombError:
        return [_problem("photo.too_many_pixels", min_width=MIN_WIDTH, min_height=MIN_HEIGHT)]
    # Pillow raises many kinds of exception on malformed files (OSError, ValueError, SyntaxError,
    # struct.error …); whatever it is, the file is not a picture we can use.
    except Exception:
        return [_problem("photo.not_an_image")]
    with image:
        return _check_image(image, len(data))


def _check_image(image: Image.Image, size: int) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    mode = image.mode  # before decoding: a reduced-scale decode may change it
    if image.format not in _JPEG_FORMATS:
        problems.append(_problem("photo.not_jpeg", format=image.format or "?"))
    orientation = _orientation(image)
    width, height = image.size
    if orientation in _SIDEWAYS:
        width, height = height, width
    if width * height > MAX_PIXELS:
        problems.append(_problem("photo.too_many_pixels", min_width=MIN_WIDTH, min_height=MIN_HEIGHT))
        return problems + _file_size_problems(size)
    try:
        sample = _upright_sample(image, orientation)
    except Exception:  # a truncated or corrupt file fails only when its pixels are decoded
        sample = None
    if sample is not None and _is_greyscale(mode, sample):
        problems.append(_problem("photo.greyscale"))
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        size_found = {"width": width, "height": height}
        problems.append(_problem("photo.too_small", **size_found, min_width=MIN_WIDTH, min_height=MIN_HEIGHT))
    problems += _file_size_problems(size)
    if sample is None:
        problems.append(_problem("photo.damaged"))
    else:
        problems += _background_problems(sample)
    return problems


def _file_size_problems(size: int) -> list[FieldProblem]:
    if size <= MAX_BYTES:
        return []
    return [_problem("photo.too_large", size_kb=math.ceil(size / 1000), max_kb=MAX_BYTES // 1000)]


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1 = upright); a broken EXIF block is no reason to refuse a photo."""
    try:
        value = image.getexif().get(_EXIF_ORIENTATION, 1)
    except Exception:
        return 1
    return value if isinstance(value, int) else 1


def _upright_sample(image: Image.Image, orientation: int) -> Image.Image:
    """A small RGB copy, turned the way the camera held it. Decodes the pixels (JPEG at reduced scale)."""
    image.draft("RGB", _SAMPLE_BOX)
    image.load()
    sample = image.convert("RGB")
    sample.thumbnail(_SAMPLE_BOX)
    transpose = _TRANSPOSE.get(orientation)
    return sample.transpose(transpose) if transpose is not None else sample


def _chroma(sample: Image.Image) -> Image.Image:
    """Per pixel, max(R, G, B) − min(R, G, B): 0 for greys, large for saturated colours."""
    red, green, blue = sample.split()
    highest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    lowest = ImageChops.darker(ImageChops.darker(red, green), blue)
    return ImageChops.subtract(highest, lowest)


def _is_greyscale(mode: str, sample: Image.Image) -> bool:
    if mode in _GREY_MODES:
        return True
    histogram = _chroma(sample).histogram()
    coloured = sum(histogram[_COLOUR_CHROMA + 1 :])
    return coloured < _COLOUR_SHARE * sum(histogram)


def _border_boxes(width: int, height: int) -> list[tuple[int, int, int, int]]:
    strip_x = min(width, max(2, round(width * _BORDER_SHARE)))
    strip_y = min(height, max(2, round(height * _BORDER_SHARE)))
    depth = min(height, max(strip_y + 1, round(height * _SIDE_DEPTH)))
    return [
        (0, 0, width, strip_y),  # top
        (0, strip_y, strip_x, depth),  # left, above the shoulders
        (width - strip_x, strip_y, width, depth),  # right, above the shoulders
    ]


def _median(histogram: list[int]) -> int:
    half = sum(histogram) / 2
    running = 0
    for value, count in enumerate(histogram):
        running += count
        if running >= half:
            return value
    return len(histogram) - 1


def _summed_histogram(channel: Image.Image, boxes: list[tuple[int, int, int, int]]) -> list[int]:
    """One histogram of the single-band `channel` over all `boxes`."""
    total = [0] * 256
    for box in boxes:
        total = [a + b for a, b in zip(total, channel.crop(box).histogram(), strict=True)]
    return total


def _background_problems(sample: Image.Image) -> list[FieldProblem]:
    luma, chroma = sample.convert("L"), _chroma(sample)
    boxes = _border_boxes(*sample.size)
    luma_histogram = _summed_histogram(luma, boxes)
    chroma_histogram = _summed_histogram(chroma, boxes)
    # A coloured backdrop is named as such even when it is dark too (a deep red one, say).
    if _median(chroma_histogram) > _WHITE_MAX_CHROMA:
        return [_problem("photo.background_coloured")]
    if _median(luma_histogram) < _WHITE_MIN_LUMA:
        return [_problem("photo.background_dark")]
    return []
