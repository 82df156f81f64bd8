from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

BUDGET_RANGES = [
    ("under_1000", _("under 1,000 $")),
    ("1000_5000", _("1,000 to 5,000 $")),
    ("5000_20000", _("5,000 to 20,000 $")),
    ("over_20000", _("over 20,000 $")),
]


class Organisation(models.Model):
    """A community organisation or a producer's business: the unit of trust. People
    belong to the network through an approved membership of an organisation."""

    class Kind(models.TextChoices):
        FOOD_BANK = "food_bank", _("food bank")
        COMMUNITY_KITCHEN = "community_kitchen", _("community kitchen")
        MEAL_PROGRAMME = "meal_programme", _("meal programme")
        DAYCARE = "daycare", _("daycare")
        SCHOOL = "school", _("school")
        COMMUNITY = "community", _("other community organisation")
        PRODUCER = "producer", _("producer's business")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    borough = models.ForeignKey(
        "directory.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("borough"),
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    # What the procurement specialist needs to know to connect it with producers.
    has_vehicle = models.BooleanField(_("has a vehicle"), default=False)
    refrigerated_vehicle = models.BooleanField(_("refrigerated vehicle"), default=False)
    max_load_kg = models.PositiveIntegerField(_("maximum load (kg)"), null=True, blank=True)
    cold_room = models.BooleanField(_("cold room"), default=False)
    freezer = models.BooleanField(_("freezer"), default=False)
    monthly_food_budget = models.CharField(
        _("monthly food budget"), max_length=12, choices=BUDGET_RANGES, blank=True
    )
    products_usually_bought = models.ManyToManyField(
        "directory.Product", blank=True, related_name="+", verbose_name=_("products usually bought")
    )
    producer = models.OneToOneField(
        "directory.Producer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisation",
        verbose_name=_("directory entry"),
        help_text=_(
            "For a producer's business: its entry in the directory, which its members keep current."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("proposed on"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("name"),
                name="organisation_name_unique_ignoring_case",
                violation_error_message=_("An organisation with this name is already on the site."),
            )
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A person in an organisation, with a role, once approved: by the network's editors
    for a new organisation, by the organisation's admins for someone joining it."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        ADMIN = "admin", _("organisation admin")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")
        SUSPENDED = "suspended", _("suspended")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "created_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_person_and_organisation"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation} ({self.get_status_display()})"
