"""Every email of the community leaves through deliver(), a background task: the
person's request only enqueues it (community.emails.send_after_commit), a worker writes
and sends. A delivery whose mail server is down is tried again later, with growing
delays, and stays in the admin's failed deliveries after its last try; whatever was
already sent is not sent again. It sends with settings.OUTBOX_EMAIL_BACKEND (the mail
server), since EMAIL_BACKEND is the outbox itself (backends.OutboxBackend)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import get_connection
from django.utils import timezone
from django.utils.module_loading import import_string

from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from ..emails import log_failure, logger
from .models import SentEmail

# Minutes before each new try: about eight hours in all, then the staff see it.
# settings.OUTBOX_RETRY_DELAYS replaces them (a run that cannot wait hours, in minutes too).
RETRY_DELAYS = [1, 2, 5, 10, 30, 60, 120, 240]


def retry_delays():
    return getattr(settings, "OUTBOX_RETRY_DELAYS", RETRY_DELAYS)


class DeliveryFailed(Exception):
    """The last try failed too: the delivery stays in the admin's failed list."""


@task()
def deliver(about, writer, args, delivery, attempt=1):
    """Write the emails (writer: the dotted name of a function of args, which returns
    them) and send those not sent yet for this delivery. Returns how many left now."""
    try:
        messages = import_string(writer)(*args)
    except ObjectDoesNotExist:
        return 0  # what it was about went meanwhile (a post hidden, a need withdrawn)
    except Exception:
        logger.exception("Email not written (%s)", about)
        return 0
    sent = set(SentEmail.objects.filter(delivery=delivery).values_list("recipient", flat=True))
    waiting = [message for message in messages if _recipient(message) not in sent]
    if not waiting:
        return 0
    try:
        with get_connection(settings.OUTBOX_EMAIL_BACKEND) as connection:
            for message in waiting:
                connection.send_messages([message])
                SentEmail.objects.create(delivery=delivery, recipient=_recipient(message))
                sent.add(_recipient(message))
    except Exception as error:
        left = sum(1 for message in waiting if _recipient(message) not in sent)
        log_failure(about, left)
        _try_again(about, writer, args, delivery, attempt, error)
    return len(waiting)


def _recipient(message):
    return ", ".join(sorted(message.recipients()))


def _try_again(about, writer, args, delivery, attempt, error):
    backend = deliver.get_backend()
    if not backend.supports_defer:
        return  # tasks run at once (tests): the failure is logged, as it was
    delays = retry_delays()
    if attempt > len(delays):
        raise DeliveryFailed(f"{type(error).__name__}: {error}") from error
    later = timezone.now() + timedelta(minutes=delays[attempt - 1])
    deliver.using(run_after=later).enqueue(about, writer, args, delivery, attempt=attempt + 1)


def requeue_stalled(older_than=timedelta(minutes=30)):
    """Tasks a worker took and never finished (it was killed, its machine restarted) go
    back to the queue, to run again; deliveries are safe to run twice (SentEmail).
    older_than: longer than any task runs, so that a live worker's task is left alone."""
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - older_than
    ).update(status=TaskResultStatus.READY, started_at=None)
