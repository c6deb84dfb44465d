from django import template

register = template.Library()


@register.simple_tag
def checked_if_chosen(chosen, question: int, answer: int) -> str:
    """``checked`` when the participant had picked this answer before a refused submission."""
    if chosen and str(chosen.get(str(question), "")) == str(answer):
        return "checked"
    return ""
