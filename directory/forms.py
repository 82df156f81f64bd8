from django import forms


class DecimalCommaField(forms.DecimalField):
    """A decimal typed as people type it here: "2,50" as well as "2.50", spaces ignored
    ("1 200,00"), whatever the page's language."""

    def to_python(self, value):
        if isinstance(value, str):
            value = (
                value.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
            )
        return super().to_python(value)
