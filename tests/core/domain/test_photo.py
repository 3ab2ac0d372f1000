"""The applicant's photo: every problem is named with the numbers the applicant needs, nothing raises.

Photos are drawn with Pillow: a head and shoulders on a backdrop, the shoulders reaching the bottom
corners as they do in a real half-length ID photo.
"""

from __future__ import annotations

import io
import math
import os
import random

import pytest
from PIL import Image, ImageDraw

from ruankao_desktop.core.domain.photo import MAX_BYTES, MIN_HEIGHT, MIN_WIDTH, check_photo

WHITE = (255, 255, 255)
SKIN = (224, 172, 140)
JACKET = (30, 40, 90)


def portrait(
    size: tuple[int, int] = (358, 441),
    *,
    background: tuple[int, int, int] = WHITE,
    hair_to_top: bool = False,
) -> Image.Image:
    """A head and shoulders on `background`; `hair_to_top` lets dark hair touch the top edge."""
    width, height = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    if hair_to_top:
        draw.rectangle((width * 0.28, 0, width * 0.72, height * 0.25), fill=(25, 20, 20))
    draw.ellipse((width * 0.3, height * 0.15, width * 0.7, height * 0.6), fill=SKIN)
    draw.polygon(
        [(0, height), (width * 0.1, height * 0.75), (width * 0.9, height * 0.75), (width, height)],
        fill=JACKET,
    )
    return image


def encode(image: Image.Image, fmt: str = "JPEG", **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def photo_bytes(
    size: tuple[int, int] = (358, 441),
    *,
    background: tuple[int, int, int] = WHITE,
    fmt: str = "JPEG",
    mode: str = "RGB",
) -> bytes:
    """A photo file; the defaults give one that passes every check."""
    image = portrait(size, background=background)
    return encode(image if mode == "RGB" else image.convert(mode), fmt)


GOOD_PHOTO = photo_bytes()


def messages(data: bytes, lang: str = "zh") -> list[str]:
    problems = check_photo(data)
    assert {problem.field for problem in problems} <= {"photo"}
    return [problem.message("en" if lang == "en" else "zh") for problem in problems]


NOT_AN_IMAGE = "所选文件不是可识别的图片（手机拍摄的 HEIC 格式也无法识别）。请上传 JPG 格式的照片。"
COLOURED = "照片背景是彩色的（如蓝底、红底），须为白色背景。请使用白底证件照。"
DARK = "照片背景太暗，不是白色。请在白色背景前、光线充足处重新拍摄。"


@pytest.mark.parametrize(
    "data",
    [
        GOOD_PHOTO,
        photo_bytes((MIN_WIDTH, MIN_HEIGHT)),
        photo_bytes((1200, 1600)),
        photo_bytes(background=(226, 223, 214)),  # a white wall in indoor light, slightly warm
        encode(portrait(hair_to_top=True)),  # a tight crop: hair touches the top edge
        photo_bytes(mode="CMYK"),
    ],
    ids=["id-size", "minimum", "large", "indoor-light", "tight-crop", "cmyk"],
)
def test_a_colour_jpeg_on_a_white_background_passes(data: bytes) -> None:
    assert check_photo(data) == []


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a photo at all",
        random.Random(7).randbytes(5000),
        b"%PDF-1.7\n" + bytes(300),
        b"\xff\xd8\xff",  # the first bytes of a JPEG and nothing else
        b"GIF89a",
    ],
    ids=["empty", "text", "random", "pdf", "jpeg-signature-only", "gif-signature-only"],
)
def test_bytes_that_are_no_picture_get_one_plain_message(data: bytes) -> None:
    assert messages(data) == [NOT_AN_IMAGE]


def test_a_truncated_jpeg_is_reported_as_damaged() -> None:
    assert messages(GOOD_PHOTO[: len(GOOD_PHOTO) // 2]) == [
        "照片文件已损坏或不完整，无法读取。请重新拍摄或重新导出后上传。"
    ]


@pytest.mark.parametrize("fmt", ["PNG", "BMP", "GIF", "TIFF", "WEBP"])
def test_other_formats_are_named_in_the_message(fmt: str) -> None:
    assert messages(photo_bytes(fmt=fmt)) == [
        f"照片是 {fmt} 格式，须为 JPG（JPEG）格式。请用图片软件另存为 JPG 后重新上传。"
    ]


def test_a_png_message_in_english() -> None:
    assert messages(photo_bytes(fmt="PNG"), "en") == [
        "The photo is a PNG file; it must be a JPG (JPEG). Save it as JPG with an image editor and upload "
        "it again."
    ]


@pytest.mark.parametrize(
    "data",
    [photo_bytes(mode="L"), encode(portrait().convert("L").convert("RGB"))],
    ids=["greyscale-jpeg", "grey-pixels-in-an-rgb-jpeg"],
)
def test_a_black_and_white_photo_is_refused(data: bytes) -> None:
    assert messages(data) == ["照片是黑白（灰度）的，须为彩色照片。请上传彩色照片。"]


def test_a_small_photo_states_its_size_and_the_minimum() -> None:
    assert messages(photo_bytes((200, 300))) == [
        "照片尺寸太小：200×300 像素，至少需要 295×413 像素。请使用分辨率更高的照片。"
    ]
    assert messages(photo_bytes((200, 300)), "en") == [
        "The photo is too small: 200×300 px, at least 295×413 px are needed. Please use a photo of higher "
        "resolution."
    ]


def test_one_pixel_short_is_too_small() -> None:
    assert messages(photo_bytes((MIN_WIDTH, MIN_HEIGHT - 1))) == [
        "照片尺寸太小：295×412 像素，至少需要 295×413 像素。请使用分辨率更高的照片。"
    ]


def test_a_photo_stored_sideways_is_judged_as_the_camera_held_it() -> None:
    sideways = portrait().rotate(90, expand=True)  # stored 441×358, displayed upright
    orientation = Image.Exif()
    orientation[0x0112] = 6  # "rotate 90° clockwise to display"
    assert check_photo(encode(sideways, exif=orientation)) == []
    assert messages(encode(sideways)) == [
        "照片尺寸太小：441×358 像素，至少需要 295×413 像素。请使用分辨率更高的照片。"
    ]


def test_a_file_over_the_limit_states_its_size_in_kb() -> None:
    # Noise does not compress: a white-bordered portrait with a noisy middle makes a large, valid JPEG.
    image = portrait((1800, 2400))
    noise = Image.frombytes("RGB", (1200, 1500), random.Random(3).randbytes(1200 * 1500 * 3))
    image.paste(noise, (300, 500))
    data = encode(image, quality=98)
    assert len(data) > MAX_BYTES
    assert messages(data) == [
        f"照片文件太大：{math.ceil(len(data) / 1000)} KB，最大 2000 KB。请压缩照片或降低分辨率后重新上传。"
    ]


def test_a_file_of_exactly_the_limit_passes() -> None:
    padded = GOOD_PHOTO + bytes(MAX_BYTES - len(GOOD_PHOTO))  # decoders ignore bytes after the image
    assert len(padded) == MAX_BYTES
    assert check_photo(padded) == []
    assert messages(padded + b"\0") == [
        "照片文件太大：2001 KB，最大 2000 KB。请压缩照片或降低分辨率后重新上传。"
    ]


@pytest.mark.parametrize(
    "background",
    [(67, 142, 219), (170, 210, 250), (200, 20, 30), (0, 0, 128)],
    ids=["blue", "light-blue", "red", "navy"],
)
def test_a_coloured_backdrop_is_refused(background: tuple[int, int, int]) -> None:
    assert messages(photo_bytes(background=background)) == [COLOURED]


@pytest.mark.parametrize(
    "background", [(90, 90, 90), (140, 140, 140), (0, 0, 0)], ids=["grey", "light-grey", "black"]
)
def test_a_dark_backdrop_is_refused(background: tuple[int, int, int]) -> None:
    assert messages(photo_bytes(background=background)) == [DARK]


def test_the_shoulders_at_the_bottom_are_not_taken_for_the_background() -> None:
    image = portrait()
    ImageDraw.Draw(image).rectangle((0, 380, 358, 441), fill=JACKET)  # a wide jacket along the bottom
    assert check_photo(encode(image)) == []


def test_several_problems_are_reported_together_in_order() -> None:
    data = photo_bytes((200, 300), background=(67, 142, 219), fmt="PNG")
    assert messages(data) == [
        "照片是 PNG 格式，须为 JPG（JPEG）格式。请用图片软件另存为 JPG 后重新上传。",
        "照片尺寸太小：200×300 像素，至少需要 295×413 像素。请使用分辨率更高的照片。",
        COLOURED,
    ]


def test_a_picture_with_absurdly_many_pixels_is_refused_without_decoding_it() -> None:
    data = encode(Image.new("RGB", (8000, 7000), WHITE))
    assert messages(data) == ["照片分辨率过高，无法处理。证件照只需约 295×413 像素：请缩小尺寸后重新上传。"]


def test_pillows_own_decompression_bomb_guard_gives_the_same_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    assert messages(GOOD_PHOTO) == [
        "照片分辨率过高，无法处理。证件照只需约 295×413 像素：请缩小尺寸后重新上传。"
    ]


def test_random_bytes_never_raise() -> None:
    rng = random.Random(11)
    for _ in range(200):
        data = bytearray(GOOD_PHOTO)
        for _ in range(rng.randrange(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        for problem in check_photo(bytes(data)):
            assert problem.message() and problem.message("en")
    for size in (1, 10, 100, 1000):
        check_photo(os.urandom(size))
