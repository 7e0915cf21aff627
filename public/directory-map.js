// Progressive enhancement of /akteure/karte: draws the listed organisations on a
// Leaflet map. Leaflet comes from our own host; tiles only from the configured tile
// server (data-tile-url). Without a tile server the points are drawn on a plain
// background. Without JavaScript the table below the map is the whole page.
import * as L from "/assets/leaflet/leaflet-src.esm.js?v=1";

const container = document.getElementById("directory-map");
if (container) {
  let points = [];
  try {
    points = JSON.parse(container.dataset.points || "[]");
  } catch {
    points = [];
  }
  const centre = JSON.parse(container.dataset.centre || "[52.7, 10.1]");
  container.hidden = false;
  container.setAttribute("role", "region");
  container.setAttribute("aria-label", container.dataset.label || "Karte");

  const map = L.map(container, { center: centre, zoom: 10, scrollWheelZoom: false, attributionControl: true });
  const tileUrl = container.dataset.tileUrl;
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: container.dataset.attribution || "" }).addTo(map);
  }

  const markers = [];
  for (const p of points) {
    const marker = L.circleMarker([p.lat, p.lon], {
      radius: 7,
      color: "#004b76",
      weight: 2,
      fillColor: "#4f9ed1",
      fillOpacity: 0.9,
    });
    const popup = document.createElement("div");
    const link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.name;
    const meta = document.createElement("p");
    meta.textContent = `${p.kind} · ${p.municipality}`;
    popup.append(link, meta);
    marker.bindPopup(popup);
    // A text node, never a string: Leaflet writes strings as HTML, and names are user input.
    marker.bindTooltip(document.createTextNode(p.name));
    marker.addTo(map);
    markers.push(marker);
  }
  if (markers.length > 0) {
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.15), { maxZoom: 14 });
  }

  // Links "Auf der Karte zeigen" end in #akteur-<slug>: open that marker's popup.
  const focus = decodeURIComponent(location.hash.replace(/^#akteur-/, ""));
  if (focus) {
    const index = points.findIndex((p) => p.url === `/akteure/${focus}`);
    if (index >= 0) {
      map.setView(markers[index].getLatLng(), 14);
      markers[index].openPopup();
    }
  }
}
