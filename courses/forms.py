from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Cohort


class JoinCohortForm(forms.Form):
    code = forms.CharField(label=_("Join code"), max_length=16)

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        cohort = Cohort.objects.select_related("course").filter(join_code=code).first()
        if cohort is None:
            raise forms.ValidationError(_("No cohort has this code. Check it with your facilitator."))
        if not cohort.is_open_for_joining():
            raise forms.ValidationError(_("This cohort has ended and no longer accepts members."))
        self.cohort = cohort
        return code
