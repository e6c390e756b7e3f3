"""Small filters for the dashboard templates."""

from datetime import timedelta
from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def value(row, name):
    return row[name]


@register.filter
def figure(number):
    """A figure with the language's grouping; "—" where a figure cannot be given."""
    if number is None:
        return "—"
    if isinstance(number, Decimal):
        return number_format(number, decimal_pos=1, force_grouping=True)
    return number_format(number, force_grouping=True)


@register.filter
def add_days(day, days):
    return day + timedelta(days=int(days))
