"""The needs board: an organisation posts a need, sees the producers suggested with
reasons, producers who match are told and answer, the organisation accepts an answer;
budgets stay private and nobody manages another organisation's needs."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from community.models import Answer, Need

from ..helpers import NEEDS, make_need, need_form

pytestmark = pytest.mark.clock  # rerun at awkward instants (README)


def suggestion(page, name):
    """The suggestion of the producer of that name, as the need's page shows it."""
    [item] = [
        item for item in page.split('<li class="ruled-list__item">') if f">{name}</a>" in item
    ]
    return item.split("</ol>")[0]


def test_a_need_is_posted_and_matching_producers_are_told(
    client, home_pages, board, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(board["cook"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{NEEDS}nouveau/", need_form(board))
    need = Need.objects.get()
    assert response.url == f"{NEEDS}{need.pk}/"
    assert need.budget_per_unit == Decimal("2.50") and need.posted_by == board["cook"]
    assert [message.to for message in mailoutbox] == [["farmer@lebeau.example"]]
    assert "Cuisine collective de Verdun" in mailoutbox[0].subject
    page = client.get(response.url).content.decode()
    # Lebeau first: in season all winter, delivers to Verdun, 2.20 $/kg within budget.
    assert page.index("Ferme Lebeau") < page.index("Ferme Lointaine")
    assert "Livre dans votre arrondissement" in page
    assert "0,30\xa0$/kg sous votre budget, -12\xa0%" in page and "2,20\xa0$/kg" in page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"quantity": "0"}, "quantity", "Indiquez une quantité supérieure à zéro."),
        ({"quantity": "-5"}, "quantity", "Indiquez une quantité supérieure à zéro."),
        (  # dates read when the test runs (its clock), inside the window of typed dates
            {"wanted_until": lambda: f"{timezone.localdate().year}-10-01"},
            "wanted_until",
            "La fin vient avant le début.",
        ),
        (
            {
                "wanted_from": lambda: (timezone.localdate() - timedelta(days=60)).isoformat(),
                "wanted_until": lambda: (timezone.localdate() - timedelta(days=30)).isoformat(),
            },
            "wanted_until",
            "Cette date est passée.",
        ),
        ({"unit": "boisseau"}, "unit", "Sélectionnez un choix valide."),
        ({"budget_per_unit": "deux dollars"}, "budget_per_unit", "Saisissez un nombre."),
        ({"product": ""}, "product", "Choisissez un produit ou une catégorie entière."),
    ],
)
def test_bad_input_is_explained_and_nothing_typed_is_lost(
    client, home_pages, board, fields, field, message
):
    client.force_login(board["cook"])
    fields = {name: value() if callable(value) else value for name, value in fields.items()}
    response = client.post(f"{NEEDS}nouveau/", need_form(board, **fields))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert response.context["form"].errors[field]
    assert "Livraison le mardi matin" in page
    assert not Need.objects.exists()


def test_the_delivery_choice_starts_from_the_organisations_transport(client, home_pages, board):
    client.force_login(board["cook"])
    assert client.get(f"{NEEDS}nouveau/").context["form"].initial["delivery_required"] is True
    board["kitchen"].has_vehicle = True
    board["kitchen"].save()
    assert client.get(f"{NEEDS}nouveau/").context["form"].initial["delivery_required"] is False


def test_the_pickup_questions_start_from_the_organisations_profile(client, home_pages, board):
    """The vehicle, whether it is refrigerated and its load come from the profile; a
    refrigerated vehicle is a vehicle."""
    client.force_login(board["cook"])
    initial = client.get(f"{NEEDS}nouveau/").context["form"].initial
    assert (initial["pickup_vehicle"], initial["pickup_refrigerated"]) == (False, False)
    assert initial["pickup_max_load_kg"] is None
    kitchen = board["kitchen"]
    kitchen.has_vehicle, kitchen.refrigerated_vehicle, kitchen.max_load_kg = True, True, 400
    kitchen.save()
    page = client.get(f"{NEEDS}nouveau/")
    initial = page.context["form"].initial
    assert (initial["pickup_vehicle"], initial["pickup_refrigerated"]) == (True, True)
    assert initial["pickup_max_load_kg"] == 400
    assert "Charge maximale du véhicule (kg)" in page.content.decode()
    client.post(
        f"{NEEDS}nouveau/",
        need_form(board, delivery_required="", pickup_refrigerated="on", pickup_max_load_kg="250"),
    )
    need = Need.objects.get()
    assert (need.pickup_vehicle, need.pickup_refrigerated, need.pickup_max_load_kg) == (
        True,
        True,
        250,
    )


def test_suggestions_link_to_the_entry_and_say_how_to_order(client, home_pages, board):
    farm = board["farm"]
    farm.phone, farm.ordering_platform, farm.orders_by_phone = "450 555-0101", "Maturin", True
    farm.order_lead_time_days, farm.minimum_order = 2, Decimal("50")
    farm.save()
    need = make_need(board, budget_per_unit=Decimal("2.10"))  # Lebeau: 2.20 $/kg
    client.force_login(board["cook"])
    page = client.get(f"{NEEDS}{need.pk}/").content.decode()
    assert f'<a href="{farm.get_absolute_url()}">Ferme Lebeau</a>' in page
    assert 'href="tel:450 555-0101"' in page and "ferme@lebeau.example" in page
    assert "téléphone, Maturin" in page and "2 jours" in page and "50,00\xa0$" in page
    assert "0,10\xa0$/kg au-dessus de votre budget, +5\xa0%" in page
    assert "au-dessus de votre budget</li>" not in page  # never the words without figures
    english = client.get(f"/en/needs/{need.pk}/").content.decode()
    assert "$0.10/kg above your budget, +5%" in english
    assert "$1.90/kg above your budget, +90%" in english  # Lointaine, 4.00 $/kg


def test_an_offer_by_the_case_is_shown_with_its_own_price_not_comparable(
    client, home_pages, board, producer_factory, offer_factory
):
    cases = producer_factory(
        name="Ferme des Caisses", delivery_areas=board["farm"].delivery_areas.all()
    )
    offer_factory(producer=cases, product=board["carrots"], unit="case", price="12.00")
    need = make_need(board)
    client.force_login(board["cook"])
    entry = suggestion(client.get(f"{NEEDS}{need.pk}/").content.decode(), "Ferme des Caisses")
    assert "12,00\xa0$/caisse" in entry and "Prix non comparable" in entry
    assert "Vendu à la caisse : demandez ce qu'elle contient." in entry


def test_a_need_in_eggs_is_shown_in_its_unit_and_the_offers(
    client, home_pages, board, product_factory, offer_factory
):
    eggs = product_factory(name_fr="Œufs", name_en="Eggs", reference_unit="unit")
    offer_factory(
        producer=board["farm"], product=eggs, unit="dozen", price="6.00", weekly_capacity="30"
    )
    need = make_need(
        board, product=eggs, quantity=Decimal("300"), unit="unit", budget_per_unit=None
    )
    client.force_login(board["cook"])
    page = client.get(f"{NEEDS}{need.pk}/").content.decode()
    assert "Votre besoin : 300\xa0unités = 25\xa0douzaines" in page
    assert "Jusqu'à 30\xa0douzaines (360\xa0unités) par semaine." in page
    assert "0,50\xa0$/unité" in page


def test_an_importers_offer_is_labelled_imported_not_in_season(
    client, home_pages, board, producer_factory, offer_factory
):
    importer = producer_factory(
        name="Importations Soleil", kind="importer", distance_class="imported"
    )
    offer_factory(producer=importer, product=board["carrots"], price="1.20")
    need = make_need(board)
    client.force_login(board["cook"])
    page = client.get(f"{NEEDS}{need.pk}/").content.decode()
    assert "Importé, disponible toute l&#x27;année" in suggestion(page, "Importations Soleil")
    assert "De saison" not in suggestion(page, "Importations Soleil")
    assert "De saison pendant toute la période" in suggestion(page, "Ferme Lebeau")


def test_food_kept_cold_is_suggested_for_pickup_only_with_a_refrigerated_vehicle(
    client, home_pages, board, product_factory, producer_factory, offer_factory
):
    cheese = product_factory(name_fr="Fromage", name_en="Cheese")
    cheese.category.kept_cold = True
    cheese.category.save()
    dairy = producer_factory(name="Fromagerie du Rang", pickup_available=True)
    offer_factory(producer=dairy, product=cheese, price="12.00")
    need = make_need(
        board, product=cheese, delivery_required=False, pickup_vehicle=True, budget_per_unit=None
    )
    client.force_login(board["cook"])
    url = f"{NEEDS}{need.pk}/"
    assert (
        "Au froid : la cueillette demande un véhicule réfrigéré" in client.get(url).content.decode()
    )
    need.pickup_refrigerated = True
    need.save()
    page = client.get(url).content.decode()
    assert "Au froid" not in page and "Cueillette possible" in page


def test_only_the_organisations_members_manage_its_needs(client, home_pages, board, editor):
    need = make_need(board)
    for outsider in (board["other"], board["farmer"]):
        client.force_login(outsider)
        assert client.get(f"{NEEDS}{need.pk}/modifier/").status_code == 403
        assert client.post(f"{NEEDS}{need.pk}/statut/", {"action": "pause"}).status_code == 403
        response = client.post(f"{NEEDS}{need.pk}/modifier/", need_form(board, quantity="1"))
        assert response.status_code == 403
    need.refresh_from_db()
    assert need.quantity == 40 and need.status == "open"
    client.force_login(board["colleague"])
    client.post(f"{NEEDS}{need.pk}/statut/", {"action": "pause"})
    need.refresh_from_db()
    assert need.status == "paused"


def test_budgets_are_seen_by_the_organisation_staff_and_accepted_producers(
    client, home_pages, board, editor
):
    need = make_need(board)
    budget = "2,50\xa0$/kg"
    for person, sees in ((board["colleague"], True), (editor, True), (board["other"], False)):
        client.force_login(person)
        assert (budget in client.get(f"{NEEDS}{need.pk}/").content.decode()) is sees
    client.force_login(board["farmer"])
    assert budget not in client.get(f"{NEEDS}{need.pk}/").content.decode()
    Answer.objects.create(
        need=need,
        producer=board["farm"],
        unit_price=Decimal("2.20"),
        quantity=Decimal("40"),
        status="accepted",
    )
    assert budget in client.get(f"{NEEDS}{need.pk}/").content.decode()


def test_a_producer_answers_and_the_organisation_accepts(
    client, home_pages, board, mailoutbox, django_capture_on_commit_callbacks
):
    need = make_need(board)
    client.force_login(board["farmer"])
    assert "Carotte" in client.get(f"{NEEDS}pour-moi/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{NEEDS}{need.pk}/",
            {"unit_price": "2,20", "quantity": "40", "delivery_terms": "Mardi", "message": "Ok"},
        )
    answer = Answer.objects.get()
    assert answer.unit_price == Decimal("2.20") and answer.answered_by == board["farmer"]
    assert sorted(m.to[0] for m in mailoutbox) == [
        "colleague@verdun.example",
        "cook@verdun.example",
    ]
    duplicate = client.post(f"{NEEDS}{need.pk}/", {"unit_price": "2", "quantity": "40"})
    assert "Vous avez déjà répondu à ce besoin." in duplicate.content.decode()
    mailoutbox.clear()
    client.force_login(board["other"])  # another organisation cannot accept it
    assert client.post(f"{NEEDS}reponses/{answer.pk}/accepter/").status_code == 403
    client.force_login(board["cook"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{NEEDS}reponses/{answer.pk}/accepter/")
    answer.refresh_from_db()
    assert answer.status == "accepted"
    by_address = {m.to[0]: m.body for m in mailoutbox}
    assert "ferme@lebeau.example" in by_address["cook@verdun.example"]
    assert "cuisine@verdun.example" in by_address["farmer@lebeau.example"]


def test_a_need_is_closed_as_fulfilled_with_the_producer_and_price(client, home_pages, board):
    need = make_need(board)
    Answer.objects.create(
        need=need, producer=board["farm"], unit_price=Decimal("2.20"), quantity=Decimal("40")
    )
    client.force_login(board["cook"])
    client.post(
        f"{NEEDS}{need.pk}/statut/",
        {"action": "close", "fulfilled_by": board["farm"].pk, "price_paid": "2,10"},
    )
    need.refresh_from_db()
    assert need.status == "fulfilled" and need.fulfilled_by == board["farm"]
    assert need.price_paid == Decimal("2.10")


def test_needs_are_for_members_only(client, home_pages, board, user_factory):
    need = make_need(board)
    assert "/comptes/login/" in client.get(f"{NEEDS}{need.pk}/").url
    client.force_login(user_factory())
    assert client.get(f"{NEEDS}{need.pk}/").status_code == 403
    client.force_login(board["other"])
    page = client.get(NEEDS).content.decode()
    assert "Carotte" in page
    assert client.get(f"{NEEDS}nouveau/").status_code == 200


def test_producers_cannot_post_needs_for_their_farm(client, home_pages, board):
    client.force_login(board["farmer"])
    assert client.get(f"{NEEDS}nouveau/").status_code == 403


def test_the_board_speaks_english(client, home_pages, board):
    need = make_need(board)
    client.force_login(board["cook"])
    page = client.get(f"/en/needs/{need.pk}/").content.decode()
    assert "Suggested producers" in page and "Delivers to your borough" in page


def test_board_pages_take_the_same_number_of_queries_with_more_needs(
    client,
    home_pages,
    board,
    editor,
    product_factory,
    producer_factory,
    offer_factory,
    django_assert_max_num_queries,
):
    def queries(person, url):
        client.force_login(person)
        client.get(url)  # warm the session and permission caches
        with django_assert_max_num_queries(200) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    first = make_need(board)
    make_need(board, product=None, category=board["carrots"].category)
    from community.needs import rules as needs

    def involve(number):  # an answer, a message and a suggestion on the first need, each time
        farm = producer_factory(name=f"Ferme {number}", phone=f"450 555-01{number:02}")
        offer_factory(producer=farm, product=board["carrots"], unit="case" if number % 2 else "kg")
        Answer.objects.create(
            need=first, producer=farm, unit_price=Decimal("2"), quantity=Decimal("5")
        )
        needs.discuss_need(first, editor, f"Message {number} de l'équipe")

    involve(0)
    pages = [
        (board["cook"], NEEDS),
        (board["cook"], f"{NEEDS}{first.pk}/"),
        (board["farmer"], f"{NEEDS}pour-moi/"),
    ]
    before = [queries(person, url) for person, url in pages]
    for number in range(8):
        involve(number + 1)
        beans = product_factory(name_fr=f"Haricot {number}", category=board["carrots"].category)
        offer_factory(producer=board["farm"], product=beans)
        make_need(board, product=beans if number % 2 else None, category=beans.category)
    assert [queries(person, url) for person, url in pages] == before


def test_reading_only_fitting_offers_changes_no_suggestion(board, producer_factory, offer_factory):
    """The database leaves out offers in other seasons; the ranking is the same as over
    every offer."""
    from community.needs import rules as needs
    from community.needs.matching import offer_facts, rank

    for unit, months in (("bunch", range(1, 13)), ("kg", [6, 7]), ("lb", [12]), ("g", [3, 4])):
        offer_factory(
            producer=producer_factory(), product=board["carrots"], unit=unit, months=months
        )
    need = make_need(board)
    everything = rank(
        needs.need_facts(need), offer_facts([board["carrots"].pk]), today=timezone.localdate()
    )
    best_per_producer, seen = [], set()
    for match in everything:
        if match.offer.producer_id not in seen:
            seen.add(match.offer.producer_id)
            best_per_producer.append(match.offer.offer_id)
    suggested = needs.suggestions(need)
    # Lebeau (once), Lointaine, the pounds, the grams and the bunches (not comparable)
    assert len(suggested) == 5
    assert [m.offer.offer_id for m in suggested] == best_per_producer


def test_the_conversation_of_a_need_is_for_those_involved(
    client, home_pages, board, editor, mailoutbox, django_capture_on_commit_callbacks
):
    need = make_need(board)
    url = f"{NEEDS}{need.pk}/"
    client.force_login(board["farmer"])  # not involved before answering
    assert "Conversation" not in client.get(url).content.decode()
    assert client.post(url, {"action": "message", "message-body": "Bonjour"}).status_code == 403
    Answer.objects.create(
        need=need, producer=board["farm"], unit_price=Decimal("2.20"), quantity=Decimal("40")
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"action": "message", "message-body": "Livrez-vous *le mardi* ? <script>x</script>"},
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == [
        "colleague@verdun.example",
        "cook@verdun.example",
    ]
    assert "Nouveau message" in mailoutbox[0].subject
    client.force_login(board["cook"])
    page = client.get(url).content.decode()
    assert "<em>le mardi</em>" in page and "&lt;script&gt;" in page
    client.force_login(board["other"])
    assert "le mardi" not in client.get(url).content.decode()
    client.force_login(editor)
    assert "le mardi" in client.get(url).content.decode()
    # The forums never list it.
    assert "le mardi" not in client.get("/fr/forums/recherche/?q=mardi").content.decode()


def test_an_empty_message_is_refused(client, home_pages, board):
    need = make_need(board)
    client.force_login(board["cook"])
    response = client.post(f"{NEEDS}{need.pk}/", {"action": "message", "message-body": " "})
    assert "Champ requis." in response.content.decode()


def test_a_producer_withdraws_only_its_own_answer(client, home_pages, board, producer_factory):
    need = make_need(board)
    theirs = Answer.objects.create(
        need=need, producer=producer_factory(), unit_price=Decimal("2"), quantity=Decimal("10")
    )
    mine = Answer.objects.create(
        need=need, producer=board["farm"], unit_price=Decimal("2"), quantity=Decimal("10")
    )
    client.force_login(board["farmer"])
    assert client.post(f"{NEEDS}reponses/{theirs.pk}/retirer/").status_code == 404
    client.post(f"{NEEDS}reponses/{mine.pk}/retirer/")
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert (theirs.status, mine.status) == ("sent", "withdrawn")
    # Withdrawn, it can be answered anew.
    client.post(f"{NEEDS}{need.pk}/", {"unit_price": "1,90", "quantity": "10"})
    assert need.answers.filter(status="sent", producer=board["farm"]).count() == 1


def test_needs_past_their_period_expire(board):
    import io

    from django.core.management import call_command

    past = make_need(board, wanted_from=date(2020, 1, 1), wanted_until=date(2020, 3, 1))
    current = make_need(board)
    call_command("close_expired", stdout=io.StringIO())
    past.refresh_from_db()
    current.refresh_from_db()
    assert (past.status, current.status) == ("expired", "open")


def test_only_producers_whose_offers_fit_for_the_period_are_told_and_as_they_chose(
    client,
    home_pages,
    board,
    producer_factory,
    offer_factory,
    organisation_factory,
    member_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    summer_farm = producer_factory(name="Ferme d'été")
    offer_factory(producer=summer_farm, product=board["carrots"], months=[6, 7, 8])
    bunches = producer_factory(name="Ferme des bottes")
    offer_factory(producer=bunches, product=board["carrots"], unit="bunch")
    quiet_farm = producer_factory(name="Ferme discrète")
    offer_factory(producer=quiet_farm, product=board["carrots"])
    for farm, email, wants in (
        (summer_farm, "ete@example.org", True),
        (bunches, "bottes@example.org", True),
        (quiet_farm, "discrete@example.org", False),
    ):
        business = organisation_factory(kind="producer", producer=farm)
        member_factory(organisation=business, email=email, need_emails=wants)
    client.force_login(board["cook"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{NEEDS}nouveau/", need_form(board))
    # Carrots by the bunch can supply kilograms, at a price to ask: that farm is told too.
    assert sorted(message.to[0] for message in mailoutbox) == [
        "bottes@example.org",
        "farmer@lebeau.example",
    ]


def test_a_need_is_edited_by_its_organisation(client, home_pages, board):
    need = make_need(board)
    client.force_login(board["colleague"])
    form = client.get(f"{NEEDS}{need.pk}/modifier/").content.decode()
    assert 'value="40.00"' in form or 'value="40,00"' in form
    client.post(f"{NEEDS}{need.pk}/modifier/", need_form(board, quantity="55,5"))
    need.refresh_from_db()
    assert need.quantity == Decimal("55.5") and need.quality == "seconds"


def test_producers_never_learn_a_budget_from_their_list(client, home_pages, board):
    make_need(board)
    client.force_login(board["farmer"])
    page = client.get(f"{NEEDS}pour-moi/").content.decode()
    assert "Carotte" in page and "budget" not in page.lower()


def test_an_accepted_answer_cannot_be_withdrawn(client, home_pages, board):
    need = make_need(board)
    answer = Answer.objects.create(
        need=need, producer=board["farm"], unit_price=Decimal("2"), quantity=Decimal("10")
    )
    client.force_login(board["cook"])
    client.post(f"{NEEDS}reponses/{answer.pk}/accepter/")
    client.force_login(board["farmer"])
    response = client.post(f"{NEEDS}reponses/{answer.pk}/retirer/", follow=True)
    assert "Seule une réponse pas encore acceptée peut être retirée." in response.content.decode()
    answer.refresh_from_db()
    assert answer.status == "accepted"


def test_closing_names_only_a_producer_who_answered(client, home_pages, board, producer_factory):
    need = make_need(board)
    stranger = producer_factory(name="Ferme inconnue")
    client.force_login(board["cook"])
    response = client.post(
        f"{NEEDS}{need.pk}/statut/",
        {"action": "close", "fulfilled_by": stranger.pk},
        follow=True,
    )
    assert "Sélectionnez un choix valide" in response.content.decode()
    need.refresh_from_db()
    assert need.status == "open"


def test_a_member_of_two_producers_chooses_which_one_answers(
    client, home_pages, board, producer_factory, organisation_factory
):
    orchard = producer_factory(name="Verger du Sud")
    board["farmer"].memberships.create(
        organisation=organisation_factory(kind="producer", producer=orchard), status="approved"
    )
    need = make_need(board)
    client.force_login(board["farmer"])
    page = client.get(f"{NEEDS}{need.pk}/").content.decode()
    assert "Répondre pour" in page and "Verger du Sud" in page
    client.post(
        f"{NEEDS}{need.pk}/",
        {"producer": orchard.pk, "unit_price": "2", "quantity": "40"},
    )
    client.post(
        f"{NEEDS}{need.pk}/",
        {"producer": board["farm"].pk, "unit_price": "2,10", "quantity": "40"},
    )
    assert set(need.answers.values_list("producer__name", flat=True)) == {
        "Verger du Sud",
        "Ferme Lebeau",
    }


def test_an_organisation_does_not_answer_its_own_need(
    client, home_pages, board, organisation_factory, producer_factory
):
    board["cook"].memberships.create(  # the cook also keeps a market garden
        organisation=organisation_factory(kind="producer", producer=producer_factory()),
        status="approved",
    )
    need = make_need(board)
    client.force_login(board["cook"])
    assert "Répondre à ce besoin" not in client.get(f"{NEEDS}{need.pk}/").content.decode()
    response = client.post(f"{NEEDS}{need.pk}/", {"unit_price": "2", "quantity": "40"})
    assert response.status_code == 403
