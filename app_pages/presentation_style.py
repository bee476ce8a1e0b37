"""The presenter's stage: type that scales with the screen, and the full-bleed 全屏演示 layout.

Sizes are in viewport units with a floor, so a 1920×1080 projector gets key
figures of 41 px, their labels 25 px, notes 19 px and the step title 43 px,
and a larger or smaller screen scales them. In 全屏演示 the sidebar and
Streamlit's header are gone, the map and the panel fill the screen below a
slim progress bar, and the controls (tour picker, toggles, language, keys)
float over the top and show only while the pointer moves.
"""

from __future__ import annotations

#: Always: the step's panel and figures, scaled with the screen.
STAGE_CSS = """
<style>
  .st-key-tour_panel h3 { font-size: max(26px, calc(1rem + 1.4vw)) !important; line-height: 1.2; }
  .st-key-tour_panel [data-testid="stMarkdownContainer"] p { font-size: max(17px, calc(0.5rem + 0.75vw)); line-height: 1.45; }
  .st-key-tour_panel button p { font-size: max(16px, calc(0.4rem + 0.6vw)); }
  .hy-figs { display: grid; grid-template-columns: repeat(auto-fill, minmax(max(210px, 13vw), 1fr)); gap: 0.7vw; }
  .hy-fig { border: 1px solid #d6d9de; border-radius: 8px; padding: 0.5vw 0.8vw; background: #fafbfc; }
  .hy-fig .l { font-size: max(15px, calc(0.6rem + 0.8vw)); color: #444; line-height: 1.25; }
  .hy-fig .v { font-size: max(24px, calc(1rem + 1.3vw)); font-weight: 700; color: #1d3557; line-height: 1.25; }
  .hy-fig .n { font-size: max(12px, calc(0.45rem + 0.6vw)); color: #555; margin-top: 2px; line-height: 1.3; }
</style>
"""

#: 全屏演示: full bleed, controls over the top only while the pointer moves (``html.hy-pointer``, set by the keys script).
CLEAN_CSS = """
<style>
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"] { display: none !important; }
  [data-testid="stMainBlockContainer"], .block-container { padding: 0.4rem 0.8rem 0 0.8rem !important; max-width: 100% !important; }
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] { overflow: hidden !important; }
  .st-key-tour_controls { position: fixed; top: 0; left: 0; right: 0; z-index: 1000; padding: 0.6rem 1.2rem;
    background: rgba(255, 255, 255, 0.96); box-shadow: 0 2px 12px rgba(0, 0, 0, 0.2); opacity: 0; pointer-events: none;
    transition: opacity 0.3s; }
  html.hy-pointer .st-key-tour_controls { opacity: 1; pointer-events: auto; }
  .st-key-tour_mapbox iframe { height: calc(100vh - 5.2rem) !important; }
  .st-key-tour_panel { max-height: calc(100vh - 5.2rem); overflow-y: auto; padding-right: 0.4rem; }
</style>
"""

#: Inside the map's iframe: the map fills the iframe (whose height the stage CSS sets).
MAP_FILL_CSS = """
<style>
html, body, #root, #parent, .float-child { height: 100% !important; }
#map_div { height: 100vh !important; }
</style>
"""

#: Added to the keys script: a moving pointer shows the controls for 2.5 s.
POINTER_JS = """
<script>
(function () {
  var w = window.parent;
  if (!w || w.__hyPointer) { return; }
  w.__hyPointer = true;
  var code = function () {
    var timer = null;
    function show() {
      document.documentElement.classList.add('hy-pointer');
      clearTimeout(timer);
      timer = setTimeout(function () { document.documentElement.classList.remove('hy-pointer'); }, 2500);
    }
    function watch(d) {
      if (!d || d.__hyPointer) { return; }
      d.__hyPointer = true;
      d.addEventListener('mousemove', show, {passive: true});
    }
    watch(document);
    setInterval(function () {
      document.querySelectorAll('iframe').forEach(function (f) { try { watch(f.contentDocument); } catch (e) { } });
    }, 1000);
  };
  var s = w.document.createElement('script');
  s.textContent = '(' + code.toString() + ')();';
  w.document.head.appendChild(s);
})();
</script>
"""
