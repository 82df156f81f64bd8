// Small enhancements only: every page works without this file.
(function () {
    "use strict";
    // On narrow screens, fold the menu behind a button.
    var toggle = document.querySelector(".site-header__toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) {
        return;
    }
    var narrow = window.matchMedia("(max-width: 55.99rem)");
    function sync() {
        if (narrow.matches) {
            toggle.hidden = false;
            menu.dataset.collapsed = toggle.getAttribute("aria-expanded") === "true" ? "false" : "true";
        } else {
            toggle.hidden = true;
            menu.dataset.collapsed = "false";
        }
    }
    toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") === "true";
        toggle.setAttribute("aria-expanded", open ? "false" : "true");
        sync();
    });
    narrow.addEventListener("change", sync);
    sync();
})();
