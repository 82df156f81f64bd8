// Small enhancements only: every page works without this file.
(function () {
    "use strict";
    var wide = window.matchMedia("(min-width: 56rem)");
    // The menu is a <details> that the stylesheet shows whole on wide screens, and the
    // network's pages a <details> it lists open on phones; where a browser cannot style a
    // disclosure's content (::details-content), open them there.
    if (!CSS.supports("selector(::details-content)")) {
        var menu = document.getElementById("site-menu");
        var groups = document.querySelectorAll(".nav-group");
        var sync = function () {
            if (menu) {
                menu.open = wide.matches;
            }
            groups.forEach(function (group) {
                group.open = !wide.matches;
            });
        };
        wide.addEventListener("change", sync);
        sync();
    }
    // The header's drop-downs (the network's pages, the account menu) close with Escape
    // (focus back on their button) or a click elsewhere; opening one closes the other.
    var dropdowns = document.querySelectorAll(".nav-group, .account-menu");
    var closable = function (dropdown) {
        return wide.matches || !dropdown.classList.contains("nav-group"); // listed on phones
    };
    dropdowns.forEach(function (dropdown) {
        dropdown.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && dropdown.open && closable(dropdown)) {
                dropdown.open = false;
                dropdown.querySelector("summary").focus();
            }
        });
        dropdown.addEventListener("toggle", function () {
            if (dropdown.open) {
                dropdowns.forEach(function (other) {
                    if (other !== dropdown && closable(other)) {
                        other.open = false;
                    }
                });
            }
        });
    });
    document.addEventListener("click", function (event) {
        dropdowns.forEach(function (dropdown) {
            if (dropdown.open && closable(dropdown) && !dropdown.contains(event.target)) {
                dropdown.open = false;
            }
        });
    });
})();
