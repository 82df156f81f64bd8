// Small enhancements only: every page works without this file.
(function () {
    "use strict";
    // The menu is a <details> that the stylesheet shows whole on wide screens; where a
    // browser cannot style a disclosure's content (::details-content), open it there.
    var menu = document.getElementById("site-menu");
    if (menu && !CSS.supports("selector(::details-content)")) {
        var wide = window.matchMedia("(min-width: 56rem)");
        var sync = function () {
            menu.open = wide.matches;
        };
        wide.addEventListener("change", sync);
        sync();
    }
    // The account menu closes with Escape (focus back on its button) or a click elsewhere.
    var account = document.querySelector(".account-menu");
    if (!account) {
        return;
    }
    account.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && account.open) {
            account.open = false;
            account.querySelector("summary").focus();
        }
    });
    document.addEventListener("click", function (event) {
        if (account.open && !account.contains(event.target)) {
            account.open = false;
        }
    });
})();
