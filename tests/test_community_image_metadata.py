"""Photos attached to posts lose their metadata (a phone photo carries the place it was
taken) and keep standing the right way up."""

import io

import pytest
from django.urls import reverse
from PIL import Image, PngImagePlugin

from community.models import Attachment

from .community_builders import build_world, client_for, fresh_cache, upload  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

GPS, ORIENTATION, MAKE = 0x8825, 0x0112, 0x010F
PARIS = {1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)}


def phone_photo(fmt):
    """30×20 pixels, red on the left and blue on the right, tagged as taken in Paris by
    a phone held sideways (orientation 6: shown turned a quarter clockwise)."""
    image = Image.new("RGB", (30, 20), "blue")
    image.paste("red", (0, 0, 15, 20))
    exif = Image.Exif()
    exif[ORIENTATION], exif[MAKE], exif[GPS] = 6, "PocketPhone", PARIS
    options = {"exif": exif}
    if fmt == "JPEG":
        options.update(comment=b"Home, 12 rue des Lilas", quality=95)
    if fmt == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Location", "Home, 12 rue des Lilas")
        options["pnginfo"] = text
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS)  # the photo does carry GPS
    return data


@pytest.fixture
def world(course_en):
    return build_world(course_en)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_an_attached_photo_is_served_without_its_gps_position(world, fmt):
    client = client_for(world, "learner_in")
    response = client.post(
        reverse("sse_community:new_thread", args=[world.cohort_space.pk, world.cohort_topic.pk]),
        {"kind": "discussion", "title": "Our market stall", "body": "a photo", "language": "en",
         "tags": "", "attachments": [upload(f"stall.{fmt.lower()}", phone_photo(fmt))]})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    served = client.get(reverse("sse_community:attachment", args=[attachment.pk]))
    data = bytes(served.content)
    assert b"PocketPhone" not in data and b"rue des Lilas" not in data
    image = Image.open(io.BytesIO(data))
    assert image.format == fmt
    exif = image.getexif()
    assert not exif.get_ifd(GPS) and MAKE not in exif and ORIENTATION not in exif
    # turned upright before the orientation tag was dropped: red on top, blue below
    assert image.size == (20, 30) and (attachment.width, attachment.height) == (20, 30)
    rgb = image.convert("RGB")
    top, bottom = rgb.getpixel((10, 3)), rgb.getpixel((10, 26))
    assert top[0] > 200 and top[2] < 60, top
    assert bottom[2] > 200 and bottom[0] < 60, bottom
