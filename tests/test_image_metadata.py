"""Images that trainers upload in the Wagtail admin to the SSE Academy collection are
stored without their metadata (Wagtail would keep a photo's GPS position in the
original and in every rendition a lesson shows); a host's other collections are left
as they are."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from courses.role_setup import academy_collection
from courses.roles import TRAINERS

pytestmark = pytest.mark.django_db
GPS, ORIENTATION = 0x8825, 0x0112


def photo_with_gps():
    image = Image.new("RGB", (60, 40), "blue")
    image.paste("red", (0, 0, 30, 40))
    exif = Image.Exif()
    exif[ORIENTATION], exif[GPS] = 6, {1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, quality=95)
    return buffer.getvalue()


def stored(image):
    with image.open_file() as f:
        return Image.open(io.BytesIO(f.read()))


def test_a_trainer_s_photo_loses_its_gps_position_and_stands_upright(django_user_model, settings,
                                                                     tmp_path):
    settings.MEDIA_ROOT = tmp_path
    trainer = django_user_model.objects.create_user(username="t@example.org", password="x")
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    client = Client()
    client.force_login(trainer)
    response = client.post(reverse("wagtailimages:add"), {
        "title": "Market stall", "collection": academy_collection().pk,
        "file": SimpleUploadedFile("stall.jpg", photo_with_gps(), content_type="image/jpeg")})
    assert response.status_code == 302, response.content.decode()[:3000]
    image = get_image_model().objects.get(title="Market stall")
    original = stored(image)
    assert not original.getexif().get_ifd(GPS) and ORIENTATION not in original.getexif()
    assert original.size == (40, 60) and (image.width, image.height) == (40, 60)
    assert image.file_size == image.file.size
    rendition = image.get_rendition("width-20")
    with rendition.file.open() as f:
        assert not Image.open(io.BytesIO(f.read())).getexif().get_ifd(GPS)


def test_images_outside_the_academy_collection_are_left_alone(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    root = Collection.get_first_root_node()
    image = get_image_model()(title="Host photo", collection=root,
                              file=SimpleUploadedFile("host.jpg", photo_with_gps()))
    image.save()
    assert stored(image).getexif().get_ifd(GPS)
