"""Visitors' text shown as text, and text boxes that count characters as the visitor types.

Streamlit's ``st.markdown`` and ``st.write`` turn URLs into live links even
when Markdown's special characters are escaped, so text from visitors
(comments, replies, contacts) never goes through them: :func:`plain` renders
it with ``st.html`` after ``html.escape``, with its line breaks kept. Nothing
in it can become a link, markup or script; a URL stays inert text.

:func:`counted` wraps a text box so a small script shows ``n / max`` under
it while the visitor types, marks the box red beyond the limit (the text is
kept: the box has no ``max_chars``, which would silently cut a paste), and
hides the message left over from the last submission as soon as the visitor
types again.
"""

from __future__ import annotations

from app_pages.i18n import scoped
from planning.messages import Messages
import html
import json
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from app_pages.i18n import md

TEXT = Messages("plain")

#: Constant CSS: the counter under a counted box, red when over; no keyboard hint (touch screens have no Ctrl+Enter).
CSS = """
<style>
[class*="st-key-hycount_"]::after { content: attr(data-hycount); display: block; font-size: 0.9em; color: #555;
  margin-top: 2px; min-height: 1.4em; }
[class*="st-key-hycount_"][data-hyover="1"]::after { color: #b2182b; font-weight: 700; }
[class*="st-key-hycount_"][data-hyover="1"] textarea, [class*="st-key-hycount_"][data-hyover="1"] input {
  outline: 3px solid #b2182b !important; }
[data-hystale="1"], [class*="st-key-hy_counter_js_"] { display: none !important; }
[class*="st-key-hycount_"] [data-testid="InputInstructions"] { display: none !important; }
.hy-plain { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; margin: 0 0 0.5rem 0; }
.hy-plain-meta { color: #555; font-size: 0.9em; margin: 0; }
</style>
"""

#: Installed once in the page: every 0.4 s it finds the counted boxes (``st-key-hycount_<max>_<key>``) and keeps their
#: counter attribute up to date; typing hides the message box ``st-key-hymsg_<key>_*`` of the same form.
COUNTER_JS = r"""
<script>
(function () {
  var w = window.parent;
  if (!w) { return; }
  w.__hyCountText = __TEXTS__;
  if (w.__hyCounter) { return; }
  w.__hyCounter = true;
  var code = function () {
    function fmt(s, n, max) { return s.replace('{n}', n).replace('{max}', max).replace('{over}', n - max); }
    function update(el, box, max) {
      var n = Array.from(box.value.trim()).length;
      var t = window.__hyCountText;
      el.setAttribute('data-hycount', fmt(n > max ? t.over : t.count, n, max));
      el.setAttribute('data-hyover', n > max ? '1' : '0');
      box.setAttribute('aria-invalid', n > max ? 'true' : 'false');
    }
    function scan() {
      document.querySelectorAll('[class*="st-key-hycount_"]').forEach(function (el) {
        var m = /st-key-hycount_(\d+)_(\S+)/.exec(el.className);
        var box = el.querySelector('textarea, input');
        if (!m || !box) { return; }
        var max = parseInt(m[1], 10);
        if (!box.__hyCounted) {
          box.__hyCounted = true;
          box.addEventListener('input', function () {
            update(el, box, max);
            document.querySelectorAll('[class*="st-key-hymsg_' + m[2] + '_"]').forEach(function (msg) {
              msg.setAttribute('data-hystale', '1');
            });
          });
        }
        update(el, box, max);
      });
    }
    scan();
    setInterval(scan, 400);
  };
  var s = w.document.createElement('script');
  s.textContent = '(' + code.toString() + ')();';
  w.document.head.appendChild(s);
})();
</script>
"""


tr = scoped(TEXT)


def plain(text: str | None, *, meta: str | None = None) -> None:
    """``text`` as escaped text (line breaks kept, URLs inert), with an optional line of ``meta`` above it."""
    head = f'<p class="hy-plain-meta">{html.escape(meta)}</p>' if meta else ""
    st.html(f'<div class="hy-plain-block">{head}<p class="hy-plain">{html.escape(text or "")}</p></div>')


def setup(key: str) -> None:
    """The counter's CSS and script, in the session language (``key``: unique per call in a page run)."""
    st.html(CSS)
    texts = json.dumps({"count": tr("count", n="{n}", max="{max}"),
                        "over": tr("over", n="{n}", max="{max}", over="{over}")}, ensure_ascii=False)
    with st.container(key=f"hy_counter_js_{key}"):
        st.iframe(COUNTER_JS.replace("__TEXTS__", texts.replace("</", "<\\/")), height=1, tab_index=-1)


@contextmanager
def counted(key: str, limit: int) -> Iterator[None]:
    """Put the text box made inside this block under a live ``n / limit`` counter (``key``: the form's key)."""
    with st.container(key=f"hycount_{limit}_{key}", gap=None):
        yield


def message_box(key: str, message: tuple[str, str, int] | None) -> None:
    """The last submission's message (``kind``, text, sequence number); hidden as soon as the visitor types again."""
    if not message:
        return
    kind, text, seq = message
    with st.container(key=f"hymsg_{key}_{seq}"):
        (st.success if kind == "success" else st.error)(md(text))


#: A real table (screen readers read it as one); below 640 px each row becomes a card of "label: value" lines.
TABLE_CSS = """
<style>
.hy-rtable { border-collapse: collapse; width: 100%; margin: 0 0 1rem 0; }
.hy-rtable th, .hy-rtable td { border: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
.hy-rtable th { background: #f3f4f6; }
@media (max-width: 640px) {
  .hy-rtable thead { display: none; }
  .hy-rtable, .hy-rtable tbody, .hy-rtable tr, .hy-rtable td { display: block; width: 100%; box-sizing: border-box; }
  .hy-rtable tr { border: 1px solid #ccc; border-radius: 8px; margin: 0 0 10px 0; padding: 4px 8px; }
  .hy-rtable td { border: none; padding: 3px 0; }
  .hy-rtable td::before { content: attr(data-label) "："; font-weight: 700; }
}
</style>
"""


def table(columns: list[str], rows: list[list[object]]) -> None:
    """An escaped HTML table that turns into one card per row on narrow screens."""
    head = "".join(f"<th scope=\"col\">{html.escape(str(c))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td data-label=\"{html.escape(str(c), quote=True)}\">{html.escape(str(v))}</td>"
                         for c, v in zip(columns, row, strict=True)) + "</tr>"
        for row in rows)
    st.html(f"{TABLE_CSS}<table class=\"hy-rtable\"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
