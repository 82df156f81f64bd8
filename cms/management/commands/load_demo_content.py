import importlib.util

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms import demo
from cms.models import HomePage


class Command(BaseCommand):
    help = (
        "Create the demo content of a local-food network: pages in French and English, "
        "menus, and demo accounts. Safe to run again: it only adds what is missing. "
        "Each app contributes through a load() function in its demo.py, in the order of "
        "INSTALLED_APPS, after the apps its AFTER names."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has a home page (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        if not settings.DEBUG:
            # The demo accounts' passwords are published in the README.
            raise CommandError(
                "Demo content is for local use: it refuses to run when DEBUG is off."
            )
        if if_empty and HomePage.objects.exists():
            demo.at_configured_address()  # PORT may differ from the last run
            self.stdout.write("The site already has content: demo content not loaded.")
            return
        with transaction.atomic():
            for module in in_order(demo_modules()):
                module.load(self.stdout, self.style)
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))


def demo_modules():
    """{app name: its demo module}, in the order of INSTALLED_APPS."""
    modules = {}
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.demo"
        if importlib.util.find_spec(module_name) is not None:
            modules[app_config.name] = importlib.import_module(module_name)
    return modules


def in_order(modules):
    """The modules, each after those its AFTER names (community's network uses cms's
    events: its registrations are for them)."""
    loaded, ordered = set(), []
    waiting = dict(modules)
    while waiting:
        name = next(
            name
            for name, module in waiting.items()
            if set(getattr(module, "AFTER", ())) & set(modules) <= loaded
        )
        ordered.append(waiting.pop(name))
        loaded.add(name)
    return ordered
