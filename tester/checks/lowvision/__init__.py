"""The low-vision battery: page checks axe-core cannot do because they need a driven browser.

Checks run one after another on the same loaded page (no reload) and each leaves the page as
it found it: viewport, injected styles, focus and scroll. Order matters a little: the cheap
layout checks come first, keyboard and OCR last. Each module declares its `CHECK`; the run
order is the registry's (tester/registry.py, BUILTIN_PAGE_CHECKS):
`registry.page_check_specs("lowvision")`.
"""
