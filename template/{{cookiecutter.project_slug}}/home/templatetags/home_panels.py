"""Render one ``home.panels.HomePanel``: its template with its own context and the request."""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def render_home_panel(context, panel):
    return render_to_string(panel.template, panel.context, request=context.get("request"))
