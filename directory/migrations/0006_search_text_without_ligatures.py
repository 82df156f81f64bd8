from django.db import migrations

from directory.search import searchable_text


def refill_search_text(apps, schema_editor):
    """Stored search text kept "œ" and "æ", which searches now write "oe" and "ae"."""
    Producer = apps.get_model("directory", "Producer")
    producers = Producer.objects.select_related("area").prefetch_related("offers__product")
    for producer in producers.iterator(chunk_size=500):
        names = [
            name
            for offer in producer.offers.all()
            for name in (offer.product.name_fr, offer.product.name_en)
        ]
        text = searchable_text(producer, names)
        if text != producer.search_text:
            Producer.objects.filter(pk=producer.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_updated_by"),
    ]

    operations = [
        migrations.RunPython(refill_search_text, migrations.RunPython.noop),
    ]
