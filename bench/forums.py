"""Benchmark of a forum reply whose topic many people follow, each with an email per post:
the time of the poster's request, with the emails sent inside it (as the site did before
its outbox) and with the outbox (the request only enqueues; a worker sends).

    .venv/bin/python bench/forums.py [--runs 5] [--followers 50 500]

On a fresh SQLite database (bench/volume.py, without the directory's volume), a topic
gets each number of followers; every reply is posted through the site by a new member,
the emails going to a local SMTP server (aiosmtpd) as they would to the real one. The
script prints the median and slowest request and the emails the SMTP server received,
then how long a worker takes to send the outbox's.
"""

import argparse
import socket
import statistics
import time

from volume import fresh_database


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="replies measured per case")
    parser.add_argument("--followers", type=int, nargs="+", default=[50, 500])
    options = parser.parse_args()
    options.producers = options.offers = 0
    options.keep = False
    with fresh_database(options):
        measure(options)


class Sink:
    """A local SMTP server that counts what it receives."""

    def __init__(self):
        self.received = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.received += len(envelope.rcpt_tos)
        return "250 OK"


def measure(options):
    from django.core.management import call_command
    from django.test import Client, override_settings

    from aiosmtpd.controller import Controller

    from community.forums import rules as forums
    from community.models import ForumCategory, Membership, Organisation, Topic, User

    sink = Sink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    smtp = {
        "OUTBOX_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
    }
    ways = [
        ("emails sent in the request", "django_tasks.backends.immediate.ImmediateBackend"),
        ("outbox: the request enqueues", "django_tasks_db.DatabaseBackend"),
    ]
    organisation = Organisation.objects.create(
        name="Organisme du banc d'essai", kind="community_kitchen", status="approved"
    )
    category = ForumCategory.objects.create(name_fr="Banc d'essai", name_en="Bench")
    people = iter(range(1_000_000))

    def members(count):
        users = User.objects.bulk_create(
            User(
                username=f"membre{number}",
                email=f"membre{number}@bench.example",
                forum_emails="each",
            )
            for number in (next(people) for _ in range(count))
        )
        Membership.objects.bulk_create(
            Membership(user=user, organisation=organisation, status="approved") for user in users
        )
        return users

    print(f"{'followers':>9}  {'how':<30} {'median ms':>9} {'max ms':>7} {'emails':>7}")
    for count in options.followers:
        author = members(1)[0]
        topic = forums.start_topic(author, category, f"Sujet suivi par {count}", "Qui vient ?")
        for follower in members(count):
            forums.follow(follower, topic=topic)
        for label, backend in ways:
            timings = []
            received = sink.received
            with override_settings(TASKS={"default": {"BACKEND": backend}}, **smtp):
                for _run in range(options.runs):
                    client = Client()
                    client.force_login(members(1)[0])
                    started = time.perf_counter()
                    response = client.post(
                        f"/fr/forums/sujets/{topic.pk}/", {"body": "Je viens jeudi."}
                    )
                    timings.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 302, response.status_code
            print(
                f"{count:>9}  {label:<30} {statistics.median(timings):>9.0f}"
                f" {max(timings):>7.0f} {sink.received - received:>7}"
            )
            if "Database" in backend:  # then a worker sends them, away from any request
                received = sink.received
                started = time.perf_counter()
                with override_settings(TASKS={"default": {"BACKEND": backend}}, **smtp):
                    call_command(
                        "db_worker", batch=True, startup_delay=False, interval=0, verbosity=0
                    )
                print(
                    f"{count:>9}  {'... then the worker, for all':<30}"
                    f" {(time.perf_counter() - started) * 1000:>9.0f} {'':>7}"
                    f" {sink.received - received:>7}"
                )
        Topic.objects.filter(pk=topic.pk).delete()
    controller.stop()


if __name__ == "__main__":
    main()
