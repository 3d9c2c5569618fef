from django.urls import path

from .views import announcements, dashboard, enrolment, exports, invitations, reports

app_name = "sse_facilitation"

urlpatterns = [
    path("", dashboard.cohort_list, name="cohorts"),
    path("cohorts/<int:cohort_id>/", dashboard.dashboard, name="dashboard"),
    path("cohorts/<int:cohort_id>/learners/<int:user_id>/message/", dashboard.message_form,
         name="message"),
    path("cohorts/<int:cohort_id>/learners/<int:user_id>/message/send/", dashboard.send_message,
         name="send_message"),
    path("cohorts/<int:cohort_id>/exports/", exports.request_export, name="request_export"),
    path("exports/<uuid:export_id>/", exports.export_status, name="export"),
    path("exports/<uuid:export_id>/download/", exports.download_export, name="download_export"),
    path("cohorts/<int:cohort_id>/members/", enrolment.members, name="members"),
    path("cohorts/<int:cohort_id>/members/invite/", enrolment.invite, name="invite"),
    path("cohorts/<int:cohort_id>/members/add/", enrolment.bulk_add, name="bulk_add"),
    path("cohorts/<int:cohort_id>/dates/", enrolment.set_dates, name="set_dates"),
    path("cohorts/<int:cohort_id>/join-code/", enrolment.new_code, name="new_code"),
    path("cohorts/<int:cohort_id>/announcements/", announcements.announcements,
         name="announcements"),
    path("cohorts/<int:cohort_id>/announcements/new/", announcements.post_announcement,
         name="post_announcement"),
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
    path("invitations/<str:token>/accept/", invitations.accept_invitation,
         name="accept_invitation"),
    path("reports/", reports.course_list, name="reports"),
    path("reports/<uuid:course_key>/", reports.course_report, name="course_report"),
    path("reports/<uuid:course_key>/report.csv", reports.course_report_csv,
         name="course_report_csv"),
]
