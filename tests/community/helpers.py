"""What several subjects' tests share: the forms they post, the addresses they open,
the objects they make."""

import socket
import threading
import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from community.models import Need
from community.outbox.tasks import deliver


def first_monday_of_june():
    june = date(timezone.localdate().year + 1, 6, 1)
    return june + timedelta(days=(7 - june.weekday()) % 7)


def unused_port():
    """A local port that was free a moment ago: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def at_once(*jobs):
    """Run the jobs in threads released together; return the exceptions raised."""
    start = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            start.wait()
            job()
        except Exception as error:  # noqa: BLE001 - every failure is what we count
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def topic_url(topic, language="fr"):
    return f"/{language}/forums/{'sujets' if language == 'fr' else 'topics'}/{topic.pk}/"


def post_url(post, action=""):
    return f"/fr/forums/messages/{post.pk}/{action}"


COMMITMENTS = "/fr/engagements/"


def proposal(board, **fields):
    monday = first_monday_of_june()
    data = {
        "organisation": board["kitchen"].pk,
        "producer": board["farm"].pk,
        "product": board["carrots"].pk,
        "quantity": "40",
        "unit": "kg",
        "basis": "week",
        "starts_on": monday.isoformat(),  # four calendar weeks, Monday to Sunday
        "ends_on": (monday + timedelta(days=27)).isoformat(),
        "price_per_unit": "2,10",
        "notes": "Livraison le mardi",
    }
    return {**data, **fields}


SURPLUS = "/fr/surplus/"


def lot_form(**fields):
    now = timezone.localtime()
    data = {
        "quantity": "120,5",
        "unit": "kg",
        "kind": "reduced",
        "price": "0,75",
        "quality": "seconds",
        "pickup_place": "Kiosque de la ferme",
        "pickup_from": now.strftime("%Y-%m-%dT%H:%M"),
        "pickup_until": (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "expires_at": (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
        "first_claim_minutes": "30",
        "notes": "Carottes fendues, parfaites pour la soupe",
    }
    return {**data, **fields}


NEEDS = "/fr/besoins/"


def need_form(board, **fields):
    year = timezone.localdate().year
    data = {
        "organisation": board["kitchen"].pk,
        "product": board["carrots"].pk,
        "quantity": "40",
        "unit": "kg",
        "frequency": "weekly",
        "wanted_from": f"{year}-11-01",
        "wanted_until": f"{year + 1}-03-31",
        "quality": "seconds",
        "budget_per_unit": "2,50",
        "delivery_required": "on",
        "notes": "Livraison le mardi matin",
    }
    return {**data, **fields}


def make_need(board, **fields):
    year = timezone.localdate().year
    defaults = {
        "organisation": board["kitchen"],
        "posted_by": board["cook"],
        "product": board["carrots"],
        "quantity": Decimal("40"),
        "unit": "kg",
        "wanted_from": date(year, 11, 1),
        "wanted_until": date(year + 1, 3, 31),
        "budget_per_unit": Decimal("2.50"),
    }
    return Need.objects.create(**{**defaults, **fields})


# The outbox, as the site runs it: tasks wait in the database for a worker.
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def deliveries():
    """The outbox's tasks (Wagtail's own, such as its reference index, wait there too)."""
    return DBTaskResult.objects.filter(task_path=deliver.module_path)


def run_due_tasks():
    """What one worker does until nothing is due: take the next ready task, run it.
    Returns how many of them were deliveries."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while (task := DBTaskResult.objects.ready().get_locked()) is not None:
        task.claim(worker.worker_id)
        worker.run_task(task)
        ran += task.task_path == deliver.module_path
    return ran


def failed_delivery(post, **fields):
    """The email to a post's followers, as the outbox leaves it after its last try."""
    return DBTaskResult.objects.create(
        task_path=deliver.module_path,
        status=TaskResultStatus.FAILED,
        args_kwargs={
            "args": [
                f"post {post.pk} to its followers",
                "community.forums.rules.notify_followers",
                [post.pk],
                str(uuid.uuid4()),
            ],
            "kwargs": {},
        },
        backend_name="default",
        **fields,
    )
