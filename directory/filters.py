"""The directory's filters: one form read from the query string, shared by the list, the
map's GeoJSON and the Carte proximité guide, so that they always show the same selection."""

from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import ExtractMonth
from django.forms.utils import flatatt
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .forms import DecimalCommaField
from .models import Area, Category, Certification, Offer, Producer, Product
from .search import matching
from .seasons import in_season
from .signals import data_version

ORGANIC = "organic"


class OrderMethod:
    CHOICES = [
        ("phone", _("by phone")),
        ("email", _("by email")),
        ("website", _("on its website")),
        ("platform", _("through a producers' platform")),
    ]
    FILTERS = {
        "phone": Q(orders_by_phone=True),
        "email": Q(orders_by_email=True),
        "website": Q(orders_by_website=True),
        "platform": ~Q(ordering_platform=""),
    }


class Select(forms.Select):
    """A select written in Python. Django renders a template per option, which made a
    filter form of 150 options cost more than the list of results beside it."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(item) for item in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (choice, mark_safe(" selected") if str(choice) in selected else "", label)  # noqa: S308
                for choice, label in self.choices
            ),
        )
        return format_html(
            "<select{}>{}</select>",
            flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name})),
            options,
        )


# The choices read from the directory, by language and directory version: four queries a
# request otherwise, for lists that change a few times a year. The latest few are kept.
_choices = {}
KEPT_CHOICES = 4


def directory_choices():
    key = (translation.get_language(), data_version())
    found = _choices.get(key)
    if found is None:
        areas = list(Area.objects.all())
        found = {
            "category": [(c.slug, c.name) for c in Category.objects.all()],
            "product": [(p.slug, p.name) for p in Product.objects.order_by("name_fr")],
            "area": [(a.slug, a.name) for a in areas],
            "delivers_to": [(a.slug, a.name) for a in areas if a.kind == Area.Kind.BOROUGH],
            "certification": [(c.slug, c.name) for c in Certification.objects.all()],
        }
        while len(_choices) >= KEPT_CHOICES:
            _choices.pop(next(iter(_choices)))
        _choices[key] = found
    return found


class DirectoryFilterForm(forms.Form):
    """Every filter is optional and combines with the others. Values that are not
    recognised (an old link, a typo) are dropped with a notice rather than failing."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    group = forms.ChoiceField(widget=Select, label=_("Kind of entry"), required=False)
    category = forms.ChoiceField(widget=Select, label=_("Category"), required=False)
    product = forms.ChoiceField(widget=Select, label=_("Product"), required=False)
    in_season = forms.BooleanField(label=_("In season"), required=False)
    month = forms.TypedChoiceField(widget=Select, label=_("Month"), coerce=int, required=False)
    area = forms.ChoiceField(widget=Select, label=_("Located in"), required=False)
    delivers_to = forms.ChoiceField(
        widget=Select, label=_("Delivers to my borough"), required=False
    )
    distance = forms.ChoiceField(widget=Select, label=_("Distance"), required=False)
    certification = forms.ChoiceField(widget=Select, label=_("Certification"), required=False)
    pickup = forms.BooleanField(label=_("Pickup available"), required=False)
    order_method = forms.ChoiceField(widget=Select, label=_("Ordering"), required=False)
    carte = forms.BooleanField(label=_("Accepts the Carte proximité"), required=False)
    donations = forms.BooleanField(label=_("Open to donations"), required=False)
    gleaning = forms.BooleanField(label=_("Open to field gleaning"), required=False)
    max_minimum_order = DecimalCommaField(
        label=_("Minimum order up to ($)"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        required=False,
    )
    sort = forms.ChoiceField(
        widget=Select,
        label=_("Sort by"),
        required=False,
        choices=[("name", _("name")), ("verified", _("most recently verified"))],
    )

    def __init__(self, data=None, **kwargs):
        this_month = timezone.localdate().month
        if data is not None and not data.get("month"):
            data = data.copy()
            data["month"] = str(this_month)  # "in season" means this month unless told otherwise
        super().__init__(data, initial={"month": this_month}, **kwargs)
        anything = [("", _("Any"))]
        fields = self.fields
        read = directory_choices()
        fields["group"].choices = anything + list(Producer.Group.choices)
        fields["category"].choices = anything + read["category"]
        fields["product"].choices = anything + read["product"]
        fields["month"].choices = list(MONTHS.items())
        fields["area"].choices = anything + read["area"]
        fields["delivers_to"].choices = anything + read["delivers_to"]
        fields["distance"].choices = anything + list(Producer.DistanceClass.choices)
        fields["certification"].choices = (
            anything + [(ORGANIC, _("Organic (any certification)"))] + read["certification"]
        )
        fields["order_method"].choices = anything + OrderMethod.CHOICES

    @property
    def filters(self):
        """The valid, non-empty filters, by name."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "", False)
        }

    @property
    def ignored(self):
        """Labels of the filters whose values were not recognised."""
        if not self.is_bound:
            return []
        self.is_valid()
        return [self.fields[name].label for name in self.errors if name in self.fields]

    @property
    def chosen_month(self):
        return self.filters.get("month") or timezone.localdate().month

    def apply(self, queryset):
        filters = self.filters
        if "q" in filters:
            queryset = queryset.filter(matching(filters["q"]))
        if "group" in filters:
            queryset = queryset.filter(kind__in=Producer.GROUPS[filters["group"]])
        queryset = self._apply_offer_filters(queryset, filters)
        if "area" in filters:
            queryset = queryset.filter(area__slug=filters["area"])
        if "delivers_to" in filters:
            queryset = queryset.filter(
                Exists(
                    Producer.delivery_areas.through.objects.filter(
                        producer=OuterRef("pk"), area__slug=filters["delivers_to"]
                    )
                )
            )
        if "distance" in filters:
            queryset = queryset.filter(distance_class=filters["distance"])
        if "certification" in filters:
            wanted = (
                Q(certification__is_organic=True)
                if filters["certification"] == ORGANIC
                else Q(certification__slug=filters["certification"])
            )
            queryset = queryset.filter(
                Exists(
                    Producer.certifications.through.objects.filter(wanted, producer=OuterRef("pk"))
                )
            )
        if filters.get("pickup"):
            queryset = queryset.filter(pickup_available=True)
        if "order_method" in filters:
            queryset = queryset.filter(OrderMethod.FILTERS[filters["order_method"]])
        if filters.get("carte"):
            queryset = queryset.filter(accepts_carte_proximite=True)
        if filters.get("donations"):
            queryset = queryset.filter(open_to_donations=True)
        if filters.get("gleaning"):
            queryset = queryset.filter(open_to_gleaning=True)
        if "max_minimum_order" in filters:
            queryset = queryset.filter(
                Q(minimum_order__isnull=True) | Q(minimum_order__lte=filters["max_minimum_order"])
            )
        if filters.get("sort") == "verified":
            return queryset.order_by(F("last_verified_on").desc(nulls_last=True), "name")
        return queryset.order_by("name")

    def _apply_offer_filters(self, queryset, filters):
        """Product, category and season are about one offer: "carrots in season in March"
        needs one offer that is both. Markets have no offers: they match by the
        categories they sell and their season dates."""
        product, category = filters.get("product"), filters.get("category")
        month = self.chosen_month if filters.get("in_season") else None
        if not (product or category or month):
            return queryset
        offers = Offer.objects.filter(producer=OuterRef("pk"))
        if product:
            offers = offers.filter(product__slug=product)
        if category:
            offers = offers.filter(product__category__slug=category)
        if month:
            offers = in_season(offers, month)
        matches = Exists(offers)
        if not product:
            market = Q(kind__in=Producer.MARKET_KINDS)
            if category:
                market &= Exists(
                    Producer.categories_sold.through.objects.filter(
                        producer=OuterRef("pk"), category__slug=category
                    )
                )
            if month:
                queryset = queryset.annotate(
                    _season_start=ExtractMonth("season_start"),
                    _season_end=ExtractMonth("season_end"),
                )
                market &= Q(_season_start__lte=month, _season_end__gte=month) | (
                    Q(_season_start__gt=F("_season_end"))
                    & (Q(_season_start__lte=month) | Q(_season_end__gte=month))
                )
            matches |= market
        return queryset.filter(matches)
