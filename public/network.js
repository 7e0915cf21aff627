// Network graph enhancements (progressive: the page is complete without this file).
// Hover or focus on an organisation highlights its partners and their links;
// buttons and +/- keys zoom, arrow keys pan when the graph has focus inside.
const svg = document.getElementById("netzwerkgrafik");
if (svg) {
  const nodes = svg.querySelectorAll(".node");
  const edges = svg.querySelectorAll(".edge");
  const labels = svg.querySelectorAll(".node-label--fixed");
  const clear = () => {
    svg.classList.remove("has-focus");
    for (const el of svg.querySelectorAll(".is-active, .is-neighbour"))
      el.classList.remove("is-active", "is-neighbour");
  };
  const highlight = (node) => {
    clear();
    svg.classList.add("has-focus");
    node.classList.add("is-active");
    const neighbours = (node.dataset.neighbours || "").split(" ").filter(Boolean);
    for (const id of neighbours) document.getElementById(id)?.classList.add("is-neighbour");
    for (const label of labels) {
      if (label.dataset.for === node.id) label.classList.add("is-active");
      else if (neighbours.includes(label.dataset.for)) label.classList.add("is-neighbour");
    }
    for (const edge of edges) {
      if (edge.dataset.a === node.id || edge.dataset.b === node.id) edge.classList.add("is-active");
    }
  };
  for (const node of nodes) {
    node.addEventListener("mouseenter", () => highlight(node));
    node.addEventListener("focus", () => highlight(node));
    node.addEventListener("mouseleave", clear);
    node.addEventListener("blur", clear);
  }

  const initial = (svg.dataset.viewbox || svg.getAttribute("viewBox")).split(" ").map(Number);
  let view = [...initial];
  const apply = () => svg.setAttribute("viewBox", view.map((v) => Math.round(v * 10) / 10).join(" "));
  const zoom = (factor) => {
    const [x, y, w, h] = view;
    const nw = Math.min(initial[2] * 2, Math.max(initial[2] / 8, w * factor));
    const nh = (h / w) * nw;
    view = [x + (w - nw) / 2, y + (h - nh) / 2, nw, nh];
    apply();
  };
  const pan = (dx, dy) => {
    view = [view[0] + dx * view[2] * 0.1, view[1] + dy * view[3] * 0.1, view[2], view[3]];
    apply();
  };
  const bar = document.querySelector(".network-zoom");
  if (bar) {
    const button = (label, text, action) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "kern-btn kern-btn--secondary kern-btn--small";
      b.setAttribute("aria-label", label);
      b.setAttribute("aria-controls", "netzwerkgrafik");
      const span = document.createElement("span");
      span.className = "kern-label";
      span.textContent = text;
      b.append(span);
      b.addEventListener("click", action);
      bar.append(b);
    };
    button(bar.dataset.zoomIn, "+", () => zoom(0.75));
    button(bar.dataset.zoomOut, "−", () => zoom(1 / 0.75));
    button(bar.dataset.zoomReset, bar.dataset.zoomReset, () => {
      view = [...initial];
      apply();
    });
  }
  svg.addEventListener("keydown", (event) => {
    const keys = { "+": () => zoom(0.75), "=": () => zoom(0.75), "-": () => zoom(1 / 0.75) };
    const arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (keys[event.key]) {
      keys[event.key]();
      event.preventDefault();
    } else if (arrows[event.key] && event.shiftKey) {
      pan(...arrows[event.key]);
      event.preventDefault();
    }
  });
  svg.addEventListener(
    "wheel",
    (event) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      zoom(event.deltaY < 0 ? 0.85 : 1 / 0.85);
    },
    { passive: false },
  );
}
