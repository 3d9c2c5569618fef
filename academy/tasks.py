from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(acks_late=True, autoretry_for=(OSError,), max_retries=5, retry_backoff=True)
def send_email(subject, body, to, html_body=None, from_email=None):
    """Send one email outside the request. Retried when the mail server is unreachable."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
