from django import forms


class DecimalCommaField(forms.DecimalField):
    """A decimal typed as people type it here: "2,50" as well as "2.50", spaces ignored
    ("1 200,00"), whatever the page's language. A text box with the decimal keypad: a
    browser's number box refuses the comma in some languages and not in others."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        return {"inputmode": "decimal"}

    def to_python(self, value):
        if isinstance(value, str):
            value = (
                value.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
            )
        return super().to_python(value)
