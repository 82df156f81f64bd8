"""Who may do what (community.access): one answer to each question, wherever it is asked."""

import pytest

from community.models import Membership, Organisation

ENTRY = "/fr/mon-organisme/fiche-du-repertoire/"


@pytest.mark.parametrize("status", ["pending", "refused"])
def test_only_the_members_of_an_approved_business_keep_its_directory_entry(
    client, home_pages, producer_factory, user_factory, status
):
    """The directory entry is kept by those who act for the producer on the boards: an
    approved member of its business, which the network approved."""
    producer = producer_factory("Ferme Lebeau", phone="450-555-0101")
    business = Organisation.objects.create(
        name="Ferme Lebeau inc.", kind="producer", status="approved", producer=producer
    )
    farmer = user_factory()
    Membership.objects.create(user=farmer, organisation=business, status="approved")
    client.force_login(farmer)
    assert client.get(ENTRY).status_code == 200

    business.status = status  # an editor takes the approval back in the admin
    business.save()
    response = client.get(ENTRY)
    assert response.status_code == 403
    assert "403.html" in [template.name for template in response.templates]
    response = client.post(ENTRY, {"entry-phone": "450-555-0000"})
    assert response.status_code == 403
    producer.refresh_from_db()
    assert producer.phone == "450-555-0101"
