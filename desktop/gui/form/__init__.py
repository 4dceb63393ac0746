"""The guided form: one step for each part of a good apology, editing a Draft in place."""

from desktop.gui.form.panel import FormPanel
from desktop.gui.form.prose_edit import ProseEdit

__all__ = ["FormPanel", "ProseEdit"]
