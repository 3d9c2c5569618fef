"""GIFT import in the admin, in two steps: check the file (its questions shown as they
will be imported, or its problems by line), then import. The checked text waits in the
trainer's session between the two, so the file is never picked twice, and an import
cannot run twice from one check."""

import secrets

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.utils import set_query_params
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from .bank_io import MAX_GIFT_BYTES, check_gift, save_gift
from .gift_preview import preview_rows
from .models import QuestionCategory, QuizPage

SESSION_KEY = "sse_quizzes_gift_import"


class GiftImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("GIFT file (.txt or .gift, UTF-8)"))
    language = forms.ChoiceField(label=gettext_lazy("Language of the questions"))
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"), required=False, queryset=QuestionCategory.objects.all(),
        empty_label=gettext_lazy("— choose —"),
        help_text=gettext_lazy("For the questions the file does not put in a category "
                               "($CATEGORY: …)."))
    new_category = forms.CharField(
        label=gettext_lazy("Or a new category"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locales = Locale.objects.order_by("language_code")
        self.fields["language"].choices = [(locale.language_code, locale.get_display_name())
                                           for locale in locales]
        default = Locale.get_default()
        self.fields["language"].initial = default.language_code if default else None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".txt", ".gift")):
            raise forms.ValidationError(_("Choose a .txt or .gift file."))
        if upload.size > MAX_GIFT_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None

    def clean(self):
        data = super().clean()
        if data.get("category") and data.get("new_category", "").strip():
            raise forms.ValidationError(_("Choose a category or name a new one, not both."))
        return data

    def default_category(self):
        data = self.cleaned_data
        return data["new_category"].strip() or (data["category"].name if data["category"] else "")


def import_gift(request):
    if not request.user.has_perm("sse_quizzes.add_question"):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("step") == "import":
        return import_checked(request)
    form = GiftImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "sse_quizzes/admin/import_gift.html", {"form": form}, status=status)
    category = form.default_category()
    language = form.cleaned_data["language"]
    questions, problems = check_gift(form.cleaned_data["file"], category)
    context = {"form": form, "questions": preview_rows(questions, category),
               "problems": problems, "language": Locale.objects.get(language_code=language)}
    if problems:
        return render(request, "sse_quizzes/admin/import_gift.html", context, status=400)
    if not questions:
        context["problems"] = [(1, _("The file holds no question."))]
        return render(request, "sse_quizzes/admin/import_gift.html", context, status=400)
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {"token": token, "text": form.cleaned_data["file"],
                                    "category": category, "language": language,
                                    "file_name": request.FILES["file"].name[:200]}
    context.update(token=token, file_name=request.session[SESSION_KEY]["file_name"])
    return render(request, "sse_quizzes/admin/import_gift.html", context)


def import_checked(request):
    """Step two: import what was checked, once."""
    pending = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    if not token or not secrets.compare_digest(str(pending.get("token", "")), token):
        return render(request, "sse_quizzes/admin/import_gift.html", {
            "form": GiftImportForm(), "expired": True}, status=400)
    del request.session[SESSION_KEY]
    questions, problems = check_gift(pending["text"], pending["category"])
    if problems or not Locale.objects.filter(language_code=pending["language"]).exists():
        return render(request, "sse_quizzes/admin/import_gift.html", {
            "form": GiftImportForm(), "expired": True}, status=400)
    created = save_gift(questions, pending["category"], pending["language"])
    return render(request, "sse_quizzes/admin/import_gift.html", {
        "form": GiftImportForm(), "created": [
            {"question": q, "edit_url": reverse("wagtailsnippets_sse_quizzes_question:edit",
                                                args=[q.pk])} for q in created],
        "categories": category_links(created),
        "quizzes": quizzes_for(request.user, created[0].locale) if created else [],
    })


def category_links(created):
    listing = reverse("wagtailsnippets_sse_quizzes_question:list")
    categories = {q.category_id: q.category for q in created}
    return [{"category": category, "url": set_query_params(listing, {"category": pk})}
            for pk, category in categories.items()]


def quizzes_for(user, locale):
    """The quizzes in the questions' language this trainer may edit (to add them to one)."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return QuizPage.objects.filter(locale=locale, pk__in=editable.values("pk")).order_by("path")
