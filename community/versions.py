"""Versions of the community's records by subject, that cached results are keyed on, as
the directory's data_version is (and by the same mechanism): each moves whenever a record
of its subject is saved or deleted. A QuerySet.update() sends no signal: where the code
changes these records with one, it calls bump itself. "pages" is what the CMS shows:
every record of the cms app (pages, their rows, navigation, footer) and the Wagtail
records a page's rendering or privacy reads; the page cache (community.page_cache) is
keyed on every subject."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from directory.signals import bump as bump_key
from directory.signals import subject_key, versions  # noqa: F401 (read from here too)

# Subject → the models whose records it covers, as "app_label.Model".
SUBJECTS = {
    "needs": (
        "community.Need",
        "community.Answer",
        "community.PriceRound",
        "community.PriceRequest",
    ),
    "organisations": ("community.Organisation",),
    "surplus": ("community.SurplusLot", "community.Claim"),
    "commitments": ("community.Commitment",),
    # A registration counts once its event is held: the event's date is the page's.
    "events": ("community.Registration", "cms.EventPage"),
    "outcomes": ("community.Outcome",),
    # "cms.*": every model of the app. A page moved or published saves itself (as its own
    # type, or as wagtailcore.Page when moved); a deleted page deletes its Page row.
    "pages": (
        "cms.*",
        "wagtailcore.Page",
        "wagtailcore.PageViewRestriction",
        "wagtailcore.CollectionViewRestriction",
        "wagtailcore.Collection",
        "wagtailcore.Site",
        "wagtailcore.Locale",
        "wagtailimages.Image",
        "wagtaildocs.Document",
    ),
}


def bump(*subjects):
    for subject in subjects:
        bump_key(subject_key(subject))


def connect():
    for subject, labels in SUBJECTS.items():

        def bump_subject(sender, subject=subject, **kwargs):
            bump(subject)

        for model in _models(labels):
            label = model._meta.label
            for signal, name in ((post_save, "save"), (post_delete, "delete")):
                signal.connect(
                    bump_subject,
                    sender=model,
                    weak=False,
                    dispatch_uid=f"community-version-{name}-{subject}-{label}",
                )


def _models(labels):
    for label in labels:
        app_label, name = label.split(".")
        if name == "*":
            yield from apps.get_app_config(app_label).get_models()
        else:
            yield apps.get_model(label)
