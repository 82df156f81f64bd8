"""The community's pages, one URLconf per subject, all in the community: namespace."""

from django.urls import include, path

app_name = "community"

urlpatterns = [
    path("", include(f"community.{subject}.urls"))
    for subject in (
        "accounts",
        "my_space",
        "organisations",
        "events",
        "forums",
        "needs",
        "price_requests",
        "availability",
        "freshness",
        "surplus",
        "commitments",
        "figures",
        "projects",
    )
]
