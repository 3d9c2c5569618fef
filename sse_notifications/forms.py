from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language of emails"), choices=settings.LANGUAGES)
    email_mode = forms.ChoiceField(label=_("Send me emails"), widget=forms.RadioSelect,
                                   choices=NotificationPreference.EMAIL_MODES)

    class Meta:
        model = NotificationPreference
        fields = ["language", "email_mode"]
