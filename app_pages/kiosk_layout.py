"""The kiosk's screen layouts, chosen by the screen's aspect ratio (CSS media queries, no JavaScript).

The page is laid out once (header; a row of map and side column; the side
column holds the zone buttons, the card/comment tabs and the panel) and the
CSS arranges it for the screen:

- **landscape** (wider than tall, e.g. 1920×1080): the map on the left,
  64 % of the width and the full height below the header; the side column on
  the right;
- **portrait** (e.g. 1080×1920): the map on top, 55.6 % of the height and the
  full width; the zone buttons, tabs and panel below it.

In both the page itself never scrolls: the panel scrolls inside its own box,
whose height is what is left of the screen, so the comment form's submit
button stays on screen. The map's iframe is sized by the CSS, and the map
inside fills it (Leaflet follows the iframe's resize).

The attract screen covers the whole screen: the map tours the zones behind a
dark band with the zone's name in large type and "触摸屏幕开始 / Touch to start".
"""

from __future__ import annotations

#: Height of the header band (title, language, list view, QR code), fixed so the rest can be computed.
HEADER_PX = 118

LAYOUT_CSS = f"""
[data-testid="stMainBlockContainer"] {{ padding: 0.5rem 1rem 0 !important; }}
.st-key-kiosk_header {{ height: {HEADER_PX}px !important; max-height: {HEADER_PX}px; overflow: hidden; }}
.st-key-kiosk_header [data-testid="stCaptionContainer"] {{ white-space: nowrap; }}
.st-key-kiosk_header h1 {{ font-size: 34px !important; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.st-key-kiosk_header [data-testid="stImage"] img {{ width: 104px !important; }}
.st-key-kiosk_header [data-testid="stCaptionContainer"] p {{ font-size: 17px !important; }}
.st-key-kiosk_zones [data-testid="stMarkdownContainer"] p {{ font-size: 17px !important; margin: 0; }}
.st-key-kiosk_zones button {{ min-height: 46px !important; padding: 0 10px !important; }}
.st-key-kiosk_zones button p {{ font-size: 17px !important; font-weight: 600; }}
.st-key-kiosk_zones {{ gap: 0.4rem !important; }}
.st-key-kiosk_zones [data-testid="stVerticalBlock"], .st-key-kiosk_zones [class*="st-key-kiosk_kind_"] {{
  gap: 0.35rem !important; row-gap: 0.35rem !important; }}
.st-key-kiosk_zones [data-testid="stHorizontalBlock"], .st-key-kiosk_zones .stHorizontalBlock {{ flex-wrap: wrap; }}
.st-key-kiosk_panel {{ overflow-y: auto; overscroll-behavior: contain; padding-right: 6px; }}
.st-key-kiosk_mapbox iframe {{ width: 100% !important; }}
html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{ overflow: hidden !important; }}

@media (min-aspect-ratio: 1/1) {{
  .st-key-kiosk_mapbox iframe {{ height: var(--hy-map-h, calc(100vh - {HEADER_PX + 60}px)) !important; }}
}}

@media (max-aspect-ratio: 1/1) {{
  .st-key-kiosk_header h1 {{ font-size: 28px !important; }}
  .st-key-kiosk_body > div > [data-testid="stHorizontalBlock"] {{ flex-direction: column !important; }}
  .st-key-kiosk_body > div > [data-testid="stHorizontalBlock"] > div {{ width: 100% !important;
    max-width: 100% !important; flex: 0 0 auto !important; }}
  .st-key-kiosk_mapbox iframe {{ height: 55.6vh !important; }}
}}

.st-key-kiosk_attract {{ position: fixed; inset: 0; z-index: 100000; width: 100vw !important; height: 100vh;
  display: flex; flex-direction: column; justify-content: flex-end; align-items: center; padding: 0 5vw 7vh;
  background: linear-gradient(to top, rgba(10, 20, 40, 0.92) 0%, rgba(10, 20, 40, 0.6) 40%, rgba(10, 20, 40, 0.3) 100%);
  cursor: pointer; }}
.st-key-kiosk_attract > div, .st-key-kiosk_attract [data-testid="stElementContainer"],
.st-key-kiosk_attract [data-testid="stHtml"] {{ width: auto !important; display: flex; flex-direction: column;
  align-items: center; text-align: center; }}
.st-key-kiosk_attract .hy-attract-kind {{ color: #ffd58a; font-size: 3.6vmin; font-weight: 700; margin: 0; }}
.st-key-kiosk_attract .hy-attract-name {{ color: #ffffff; font-size: 8vmin; font-weight: 800; line-height: 1.15;
  margin: 0.5vh 0; text-align: center; text-shadow: 0 2px 12px rgba(0, 0, 0, 0.6); }}
.st-key-kiosk_attract .hy-attract-name-2 {{ color: #e8eefc; font-size: 4vmin; margin: 0 0 3vh; text-align: center; }}
.st-key-kiosk_attract .hy-attract-touch {{ color: #ffffff; font-size: 5vmin; font-weight: 700; margin: 0;
  padding: 1.4vh 4vw; border: 3px solid #ffffff; border-radius: 999px; animation: hy-pulse 2.4s ease-in-out infinite; }}
@keyframes hy-pulse {{ 0%, 100% {{ opacity: 1; }} 50% {{ opacity: 0.45; }} }}
"""
LAYOUT_CSS = "\n".join(line for line in LAYOUT_CSS.splitlines() if line.strip())  # no blank line: st.markdown

#: Keeps the panel's box ending at the bottom of the screen, whatever sits above it (zone buttons wrap differently in
#: each language and layout): its maximum height is the screen's height below its top. Installed once in the page.
MEASURE_JS = r"""
<script>
(function () {
  var w = window.parent;
  if (!w || w.__hyKioskMeasure) { return; }
  w.__hyKioskMeasure = true;
  var code = function () {
    setInterval(function () {
      var panel = document.querySelector('.st-key-kiosk_panel');
      var map = document.querySelector('.st-key-kiosk_mapbox');
      if (map) {  // landscape: the map runs down to the bottom of the screen
        var h = Math.max(300, Math.floor(window.innerHeight - map.getBoundingClientRect().top - 10)) + 'px';
        if (document.documentElement.style.getPropertyValue('--hy-map-h') !== h) {
          document.documentElement.style.setProperty('--hy-map-h', h);
        }
      }
      if (!panel) { return; }
      var room = Math.max(120, Math.floor(window.innerHeight - panel.getBoundingClientRect().top - 12)) + 'px';
      if (panel.style.maxHeight !== room) { panel.style.maxHeight = room; }
    }, 300);
  };
  var s = w.document.createElement('script');
  s.textContent = '(' + code.toString() + ')();';
  w.document.head.appendChild(s);
})();
</script>
"""
