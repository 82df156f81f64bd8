"""Demo accounts. Their passwords are in the README, so load_demo_content refuses to run
with DEBUG off."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from allauth.account.models import EmailAddress

from directory.models import Area

from .models import Membership, Organisation

DEMO_ACCOUNTS = [
    # (email, password, first name, last name, groups: network staff write and publish)
    (
        "editrice@salim.example",
        "demo-editrice-2026",
        "Camille",
        "Tremblay",
        ["Editors", "Moderators"],
    ),
    # The member's place in the Members group follows from an approved membership, as
    # for everyone (community.organisations.signals); it is not given by hand.
    ("membre@salim.example", "demo-membre-2026", "Alex", "Gagnon", []),
]


def load(stdout, style):
    User = get_user_model()
    for email, password, first_name, last_name, group_names in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "username": email.split("@")[0],
                "first_name": first_name,
                "last_name": last_name,
            },
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(*Group.objects.filter(name__in=group_names))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if created:
            stdout.write(style.SUCCESS(f"Account {email} (password: {password})"))
    load_organisation()
    load_forums()
    load_needs()
    load_workspace()


def load_organisation(member_email="membre@salim.example"):
    """The demo member belongs to an approved organisation, as real members do."""
    User = get_user_model()
    member = User.objects.filter(email=member_email).first()
    organisation, _created = Organisation.objects.get_or_create(
        name="Cuisine collective de Verdun",
        defaults={
            "kind": Organisation.Kind.COMMUNITY_KITCHEN,
            "status": Organisation.Status.APPROVED,
            "borough": Area.objects.filter(slug="verdun").first(),
        },
    )
    if member is not None:
        # As community.organisations.rules.decide() saves an approval, without its welcome email.
        Membership.objects.get_or_create(
            user=member,
            organisation=organisation,
            defaults={
                "role": Membership.Role.ADMIN,
                "status": Membership.Status.APPROVED,
                "decided_at": timezone.now(),
            },
        )


DEMO_CATEGORIES = [
    (
        "Achats et approvisionnement",
        "Purchasing and supply",
        "Où acheter, à quel prix, en quelle quantité.",
        "Where to buy, at what price, in what quantity.",
    ),
    (
        "Logistique et entreposage",
        "Logistics and storage",
        "Transport, chambres froides, tournées partagées.",
        "Transport, cold rooms, shared delivery rounds.",
    ),
    (
        "Financement",
        "Funding",
        "Programmes, demandes, échéances.",
        "Programmes, applications, deadlines.",
    ),
]
DEMO_CONVERSATION = [
    (
        "membre@salim.example",
        "Bonjour à toutes et à tous ! Nous cherchons des **carottes en vrac** pour l'hiver "
        "(environ 40 kg par semaine). Quelqu'un a-t-il une ferme à recommander dans le "
        "Sud-Ouest ?",
    ),
    (
        "editrice@salim.example",
        "> **Alex Gagnon** : environ 40 kg par semaine\n\n"
        "Plusieurs fermes du répertoire ont des carottes de conservation jusqu'en mars. "
        "Pensez aussi aux *déclassés* : même goût, prix plus bas.",
    ),
]


def load_forums():
    """A few categories and one conversation, so that the forums are not empty. The
    posts go through community.forums.rules, as members' do: the topic's count and last post,
    who follows it and who has read it are kept as for any other."""
    from .forums import rules as forums
    from .models import ForumCategory

    if ForumCategory.objects.exists():
        return
    categories = []
    for position, (name_fr, name_en, description_fr, description_en) in enumerate(DEMO_CATEGORIES):
        category = ForumCategory(
            name_fr=name_fr,
            name_en=name_en,
            description_fr=description_fr,
            description_en=description_en,
            position=position,
        )
        category.save()
        categories.append(category)
    User = get_user_model()
    authors = {user.email: user for user in User.objects.filter(email__endswith="@salim.example")}
    (first_email, first_body), *replies = DEMO_CONVERSATION
    if first_email not in authors:
        return
    topic = forums.start_topic(
        authors[first_email], categories[0], "Carottes de conservation pour l'hiver", first_body
    )
    for email, body in replies:
        forums.reply(authors[email], topic, body)


def load_needs():
    """One need from the demo kitchen, so that the board shows suggestions."""
    from datetime import date
    from decimal import Decimal

    from directory.models import Product

    from .models import Need
    from .needs import rules as needs

    carrots = Product.objects.filter(slug="carotte").first()
    kitchen = Organisation.objects.filter(name="Cuisine collective de Verdun").first()
    if Need.objects.exists() or carrots is None or kitchen is None:
        return
    year = timezone.localdate().year
    # Posted as the needs board posts one (matching producers are told).
    needs.post(
        Need(
            organisation=kitchen,
            posted_by=get_user_model().objects.filter(email="membre@salim.example").first(),
            product=carrots,
            quantity=Decimal("40"),
            unit="kg",
            frequency=Need.Frequency.WEEKLY,
            wanted_from=date(year, 11, 1),
            wanted_until=date(year + 1, 3, 31),
            quality=Need.Quality.SECONDS,
            budget_per_unit=Decimal("2.50"),
            notes="Livraison le mardi matin, porte arrière.",
        )
    )


def load_workspace():
    """A call logged with the demo kitchen, its follow-up and a learning, so that the staff's
    workspace shows what it is for."""
    from datetime import timedelta

    from .models import FollowUp, Interaction, Learning

    editor = get_user_model().objects.filter(email="editrice@salim.example").first()
    kitchen = Organisation.objects.filter(name="Cuisine collective de Verdun").first()
    if Interaction.objects.exists() or editor is None or kitchen is None:
        return
    today = timezone.localdate()
    Interaction.objects.create(
        kind=Interaction.Kind.CALL,
        happened_on=today - timedelta(days=2),
        organisation=kitchen,
        people="Alex Gagnon",
        notes="Cherche des carottes de garde tout l'hiver, livrées le mardi. Budget serré.",
        logged_by=editor,
    )
    FollowUp.objects.create(
        what="Rappeler la cuisine après les premières réponses de producteurs",
        due_on=today + timedelta(days=5),
        organisation=kitchen,
        assigned_to=editor,
        created_by=editor,
    )
    Learning.objects.create(
        title="Les caisses consignées réduisent les coûts",
        topic=Learning.Topic.LOGISTICS,
        text="Plusieurs fermes reprennent leurs caisses vides à la livraison suivante: "
        "demander à l'avance évite l'achat de contenants jetables.",
        organisation=kitchen,
        written_by=editor,
    )
