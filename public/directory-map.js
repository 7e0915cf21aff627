// Progressive enhancement of the directory's maps, with Leaflet from our own host.
// - /akteure/karte (#directory-map): the listed organisations as points. Tiles only from
//   the configured tile server (data-tile-url); behind the points the district's outline
//   and its municipalities (data-outline-url, GeoJSON from our host), so the map can be
//   read without any tile server. Without JavaScript the table below is the whole page.
// - the organisation form (#directory-map-pick): a click on the map fills the latitude
//   and longitude fields. Without JavaScript the two fields stay as they are.
// Names are user input (organisations) or the operator's (outline file): they reach the
// page only as text nodes, never as HTML strings, which Leaflet would write as markup.
import * as L from "/assets/leaflet/leaflet-src.esm.js?v=1";

const readJson = (text, fallback) => {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
};

/** A map with our panes: outline at the back, municipality labels above it, points on top. */
function baseMap(container, options = {}) {
  const centre = readJson(container.dataset.centre || "", [52.7, 10.1]);
  container.hidden = false;
  container.setAttribute("role", "region");
  container.setAttribute("aria-label", container.dataset.label || "Karte");
  const map = L.map(container, {
    center: centre,
    zoom: 10,
    // Quarter steps: the district fits the map's box instead of the next smaller whole zoom.
    zoomSnap: 0.25,
    scrollWheelZoom: false,
    attributionControl: true,
    ...options,
  });
  map.createPane("outline").style.zIndex = "300";
  map.createPane("labels").style.zIndex = "350";
  const tileUrl = container.dataset.tileUrl;
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: container.dataset.attribution || "" }).addTo(map);
  }
  return { map, hasTiles: Boolean(tileUrl) };
}

/** A municipality's name on the map, as text. */
function label(latlng, name) {
  const text = document.createElement("span");
  text.className = "directory-map__label-text";
  text.textContent = name;
  return L.marker(latlng, {
    pane: "labels",
    interactive: false,
    keyboard: false,
    icon: L.divIcon({ className: "directory-map__label", html: text, iconSize: null, iconAnchor: [-6, 9] }),
  });
}

/**
 * Hides a label that would overlap one drawn before it. The file lists the towns and
 * larger municipalities first, so they keep their names; zooming in shows the others.
 */
function declutter(labels) {
  const kept = [];
  for (const l of labels) {
    const element = l.getElement();
    if (!element) continue;
    element.classList.remove("directory-map__label--hidden");
    const box = element.firstElementChild?.getBoundingClientRect();
    if (!box) continue;
    const overlaps = kept.some(
      (k) => box.left < k.right + 2 && box.right > k.left - 2 && box.top < k.bottom && box.bottom > k.top,
    );
    if (overlaps) element.classList.add("directory-map__label--hidden");
    else kept.push(box);
  }
}

/**
 * Draws the outline file: the district as a light area with a border, municipality
 * polygons (e.g. a VG250 extract) as thin lines, municipality points as small dots,
 * each with its name. Property "name" or VG250's "GEN". Returns the outline's bounds.
 */
async function drawOutline(map, url, hasTiles) {
  if (!url) return undefined;
  let data;
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) return undefined;
    data = await response.json();
  } catch {
    return undefined;
  }
  const labels = [];
  const layer = L.geoJSON(data, {
    pane: "outline",
    interactive: false,
    style: (feature) =>
      feature?.geometry?.type === "Point"
        ? {}
        : feature?.properties?.kind === "district"
          ? { color: "#33475b", weight: 2.5, fillColor: "#ffffff", fillOpacity: hasTiles ? 0 : 0.75 }
          : { color: "#6b7c8a", weight: 1, dashArray: "4 3", fill: false },
    pointToLayer: (_feature, latlng) =>
      L.circleMarker(latlng, {
        pane: "outline",
        radius: 2.5,
        color: "#4a5a67",
        weight: 1,
        fillColor: "#4a5a67",
        fillOpacity: 1,
        interactive: false,
      }),
    onEachFeature: (feature, featureLayer) => {
      const props = feature?.properties || {};
      const name = props.name ?? props.GEN;
      if (!name || props.kind === "district") return;
      const at = feature.geometry?.type === "Point" ? featureLayer.getLatLng() : featureLayer.getBounds().getCenter();
      labels.push(label(at, String(name)));
    },
  }).addTo(map);
  for (const l of labels) l.addTo(map);
  declutter(labels);
  map.on("zoomend", () => declutter(labels));
  const bounds = layer.getBounds();
  return bounds.isValid() ? bounds : undefined;
}

const listMap = document.getElementById("directory-map");
if (listMap) {
  const points = readJson(listMap.dataset.points || "", []);
  const { map, hasTiles } = baseMap(listMap);
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
    marker.bindTooltip(document.createTextNode(p.name));
    marker.addTo(map);
    markers.push(marker);
  }

  // Links "Auf der Karte zeigen" end in #akteur-<slug>: open that marker's popup.
  const focus = decodeURIComponent(location.hash.replace(/^#akteur-/, ""));
  const focusIndex = focus ? points.findIndex((p) => p.url === `/akteure/${focus}`) : -1;
  if (focusIndex >= 0) {
    map.setView(markers[focusIndex].getLatLng(), 14, { animate: false });
    markers[focusIndex].openPopup();
  } else if (markers.length > 0) {
    // Not animated: a zoom still running would swallow the outline's view below.
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.15), { maxZoom: 14, animate: false });
  }
  drawOutline(map, listMap.dataset.outlineUrl, hasTiles).then((bounds) => {
    // The whole district is the view when nothing narrows the list (or nothing is found);
    // a filtered list keeps the view of its points.
    const filtered = location.search.length > 1;
    if (bounds && focusIndex < 0 && (markers.length === 0 || !filtered)) map.fitBounds(bounds.pad(0.05));
  });
}

const picker = document.getElementById("directory-map-pick");
if (picker) {
  const lat = document.getElementById(picker.dataset.latField || "");
  const lon = document.getElementById(picker.dataset.lonField || "");
  const wrapper = document.getElementById("directory-map-pick-wrapper");
  if (lat && lon) {
    if (wrapper) wrapper.hidden = false;
    const { map, hasTiles } = baseMap(picker, { zoom: 9 });
    picker.setAttribute("aria-describedby", "directory-map-pick-hint");
    const number = (input) => Number(String(input.value).trim().replace(",", "."));
    let marker;
    const place = (latlng) => {
      if (marker) marker.setLatLng(latlng);
      else marker = L.circleMarker(latlng, { radius: 8, color: "#8a1c1c", weight: 3, fillOpacity: 0.4 }).addTo(map);
    };
    const fromFields = () => {
      const a = number(lat);
      const b = number(lon);
      if (lat.value.trim() && lon.value.trim() && Number.isFinite(a) && Number.isFinite(b)) {
        place([a, b]);
        return true;
      }
      return false;
    };
    const placed = fromFields();
    if (placed && marker) map.setView(marker.getLatLng(), 13);
    drawOutline(map, picker.dataset.outlineUrl, hasTiles).then((bounds) => {
      if (bounds && !placed) map.fitBounds(bounds);
    });
    map.on("click", (event) => {
      lat.value = event.latlng.lat.toFixed(5);
      lon.value = event.latlng.lng.toFixed(5);
      place(event.latlng);
      // Other scripts and the browser's own checks learn of the change.
      lat.dispatchEvent(new Event("change", { bubbles: true }));
      lon.dispatchEvent(new Event("change", { bubbles: true }));
    });
    lat.addEventListener("change", fromFields);
    lon.addEventListener("change", fromFields);
  }
}
