// Maps of the directory (Leaflet, OpenStreetMap tiles). Enhancement only: the list and
// the producer page say everything the map shows. Names arrive as GeoJSON data and are
// written into popups as text, never as HTML.
//
// Leaflet and its clustering plugin are fetched only when a map comes near the window
// (this script's data-leaflet and data-markercluster name them): a map further down the
// page, as on a producer's page or the Carte proximité guide on a phone, costs nothing
// while the page loads.
(function () {
    "use strict";
    var script = document.currentScript;
    var elements = document.querySelectorAll("[data-map]");
    if (!elements.length || !script) {
        return;
    }
    var MONTREAL = [45.5, -73.6];
    var TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    var ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';

    function popup(properties) {
        var box = document.createElement("div");
        var link = document.createElement("a");
        link.href = properties.url;
        link.textContent = properties.name;
        var meta = document.createElement("div");
        meta.textContent = [properties.kind, properties.city].filter(Boolean).join(" · ");
        box.appendChild(link);
        box.appendChild(meta);
        return box;
    }

    function marker(latlng) {
        return L.circleMarker(latlng, {
            radius: 6, color: "#143d27", weight: 1, fillColor: "#1f5c3a", fillOpacity: 0.85
        });
    }

    // Nearby markers make one round badge with their number, in the site's colours; a click
    // zooms in on them. At street level every marker stands alone.
    function clusters(element, still) {
        return L.markerClusterGroup({
            showCoverageOnHover: false,
            disableClusteringAtZoom: 15,
            maxClusterRadius: 50,
            animate: !still,
            iconCreateFunction: function (cluster) {
                var count = cluster.getChildCount();
                var badge = document.createElement("span");
                badge.textContent = String(count);
                return L.divIcon({html: badge, className: "map-cluster", iconSize: L.point(36, 36)});
            }
        }).on("animationend", function () { nameClusters(element); });
    }

    // The badges are buttons for the keyboard: each says, in the page's language, what it holds.
    function nameClusters(element) {
        var label = element.dataset.clusterLabel || "";
        element.querySelectorAll(".map-cluster").forEach(function (badge) {
            badge.setAttribute("aria-label", badge.textContent + " " + label);
        });
    }

    function load(src) {
        return new Promise(function (resolve, reject) {
            var tag = document.createElement("script");
            tag.src = src;
            tag.onload = resolve;
            tag.onerror = reject;
            document.head.appendChild(tag);
        });
    }

    var leaflet = null;
    function withLeaflet(draw) {
        leaflet = leaflet || load(script.dataset.leaflet).then(function () {
            return load(script.dataset.markercluster);
        });
        return leaflet.then(draw);
    }

    var near = "IntersectionObserver" in window && new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
            if (entry.isIntersecting) {
                near.unobserve(entry.target);
                withLeaflet(function () { draw(entry.target); });
            }
        });
    }, {rootMargin: "100px 0px"});
    elements.forEach(function (element) {
        if (near) {
            near.observe(element);
        } else {
            withLeaflet(function () { draw(element); });
        }
    });

    function draw(element) {
        var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        var map = L.map(element, {
            scrollWheelZoom: false, fadeAnimation: !still, zoomAnimation: !still, markerZoomAnimation: !still
        }).setView(MONTREAL, 9);
        L.tileLayer(TILES, {maxZoom: 18, attribution: ATTRIBUTION}).addTo(map);
        if (element.dataset.geojson) {
            fetch(element.dataset.geojson, {headers: {Accept: "application/geo+json"}})
                .then(function (response) { return response.json(); })
                .then(function (data) {
                    var layer = L.geoJSON(data, {
                        pointToLayer: function (feature, latlng) { return marker(latlng); },
                        onEachFeature: function (feature, featureLayer) {
                            featureLayer.bindPopup(popup(feature.properties));
                        }
                    });
                    // Framed first, then drawn: the badges appear where they stay, without
                    // fading in (a badge caught fading reads faint).
                    if (data.features.length) {
                        map.fitBounds(layer.getBounds(), {padding: [20, 20], maxZoom: 13, animate: false});
                    }
                    clusters(element, still).addLayer(layer).addTo(map);
                    map.on("zoomend moveend", function () { nameClusters(element); });
                    element.dataset.markers = String(data.features.length);
                    nameClusters(element);
                });
        } else if (element.dataset.lat && element.dataset.lng) {
            var position = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lng)];
            var name = document.createElement("strong");
            name.textContent = element.dataset.name || "";
            marker(position).addTo(map).bindPopup(name);
            map.setView(position, 12);
            element.dataset.markers = "1";
        }
    }
})();
