from django.db import migrations

from directory.search import normalise


def refill_search_text(apps, schema_editor):
    """Stored search text kept "œ" and "æ", which searches now write "oe" and "ae"
    (as Post.set_body computes it)."""
    Post = apps.get_model("community", "Post")
    for post in Post.objects.select_related("topic").iterator(chunk_size=500):
        text = normalise(f"{post.topic.title} {post.body}")
        if text != post.search_text:
            Post.objects.filter(pk=post.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0022_staff_use_the_workspace"),
    ]

    operations = [
        migrations.RunPython(refill_search_text, migrations.RunPython.noop),
    ]
