// The entrance page, enhanced: search by name and lookup by ticket code from a list held
// in memory (so both work without a connection), check-ins sent with fetch, and — when
// the connection is gone — kept in a queue in localStorage with the time they were made,
// then sent once it is back. The server marks a person present with one conditional
// update, so a check-in sent twice (a retry, another device) still counts once.
// Without this script the page works with its forms alone.

const root = document.getElementById("einlass");
if (root) start(root);

function start(root) {
  const base = root.dataset.base;
  const csrf = root.dataset.csrf;
  const canUndo = root.dataset.canUndo === "1";
  const texts = JSON.parse(root.dataset.texts || "{}");
  const queueKey = `bn-checkin-queue:${base}`;
  const countEl = document.getElementById("checkin-count");
  const pendingEl = document.getElementById("checkin-pending");
  const liveEl = document.getElementById("checkin-live");
  const resultsEl = document.getElementById("checkin-results");
  const codeForm = document.getElementById("checkin-code-form");
  const searchForm = document.getElementById("checkin-search-form");

  /** Personal data stays in memory only; the queue holds codes, ids and times. */
  let people = [];
  let counts = { expected: Number(countEl.dataset.expected), present: Number(countEl.dataset.present) };
  let flushing = false;

  const t = (key, params = {}) =>
    (texts[key] || key).replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
  const timeOf = (iso) =>
    new Date(iso).toLocaleTimeString(document.documentElement.lang || "de", { hour: "2-digit", minute: "2-digit" });
  const announce = (text) => {
    // A fresh node each time, so a screen reader reads the same sentence twice if it comes twice.
    liveEl.replaceChildren();
    const p = document.createElement("p");
    p.className = "checkin-live__message";
    p.textContent = text;
    liveEl.append(p);
  };

  // --- the queue ---------------------------------------------------------------------------
  const readQueue = () => {
    try {
      return JSON.parse(localStorage.getItem(queueKey) || "[]");
    } catch {
      return [];
    }
  };
  const writeQueue = (queue) => {
    localStorage.setItem(queueKey, JSON.stringify(queue));
    showPending(queue.length);
  };
  const showPending = (n) => {
    pendingEl.hidden = n === 0;
    pendingEl.textContent = n === 1 ? t("checkin.page.pendingOne") : t("checkin.page.pending", { count: n });
  };
  const showCounts = () => {
    countEl.textContent = t("checkin.page.count", counts);
  };

  // --- talking to the server ------------------------------------------------------------------
  /** Sends one check-in. "network" when it did not arrive; else the server's answer. */
  async function send(item) {
    let response;
    try {
      response = await fetch(`${base}/checkins.json`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", "x-csrf-token": csrf, accept: "application/json" },
        body: JSON.stringify(
          item.code
            ? { code: item.code, at: item.at, checkinId: item.id }
            : { registrationId: item.registrationId, at: item.at, checkinId: item.id },
        ),
      });
    } catch {
      return "network";
    }
    if (response.status >= 500) return "network";
    const body = await response.json().catch(() => ({}));
    return { ok: response.ok, body };
  }

  function applyResult(body) {
    if (body.counts) counts = body.counts;
    showCounts();
    const person = people.find((p) => p.registrationId === body.registrationId);
    if (person) person.checkedInAt = body.checkedInAt;
    refreshResults();
  }

  async function checkIn(what) {
    const item = { id: randomId(), at: new Date().toISOString(), ...what };
    const person = what.code
      ? people.find((p) => p.ticketCode === what.code)
      : people.find((p) => p.registrationId === what.registrationId);
    const name = person ? `${person.firstName} ${person.lastName}` : "";
    if (!navigator.onLine) return queue(item, person, name);
    const answer = await send(item);
    if (answer === "network") return queue(item, person, name);
    if (!answer.ok) return announce(answer.body.message || t("checkin.error.unknownTicket"));
    applyResult(answer.body);
    const who = `${answer.body.firstName} ${answer.body.lastName}`;
    announce(
      answer.body.alreadyCheckedIn
        ? t("checkin.flash.already", { name: who, time: timeOf(answer.body.checkedInAt) })
        : t("checkin.flash.checkedIn", { name: who }),
    );
  }

  function queue(item, person, name) {
    if (people.length && !person) return announce(t("checkin.error.unknownTicket"));
    if (person?.checkedInAt) {
      return announce(t("checkin.flash.already", { name, time: timeOf(person.checkedInAt) }));
    }
    writeQueue([...readQueue(), item]);
    if (person) person.checkedInAt = item.at;
    refreshResults();
    announce(`${name ? t("checkin.flash.checkedIn", { name }) : ""} ${t("checkin.page.offline")}`.trim());
  }

  /** Sends what is queued, oldest first; stops at the first one that does not arrive. */
  async function flush() {
    if (flushing || !navigator.onLine) return;
    flushing = true;
    try {
      for (;;) {
        const [item] = readQueue();
        if (!item) break;
        const answer = await send(item);
        if (answer === "network") break;
        // Arrived: counted (201), counted already (200) or refused (4xx) — either way done.
        writeQueue(readQueue().filter((q) => q.id !== item.id));
        if (answer.ok) applyResult(answer.body);
        else announce(answer.body.message || "");
      }
    } finally {
      flushing = false;
    }
  }

  async function refreshList() {
    if (!navigator.onLine) return;
    try {
      const response = await fetch(`${base}/liste.json`, {
        credentials: "same-origin",
        headers: { accept: "application/json" },
      });
      if (!response.ok) return;
      const data = await response.json();
      // What is still queued here stays marked on this device.
      const queued = readQueue();
      people = data.people.map((p) =>
        !p.checkedInAt && queued.some((q) => q.code === p.ticketCode || q.registrationId === p.registrationId)
          ? {
              ...p,
              checkedInAt: queued.find((q) => q.code === p.ticketCode || q.registrationId === p.registrationId).at,
            }
          : p,
      );
      counts = data.counts;
      showCounts();
    } catch {
      // Offline: keep the list we have.
    }
  }

  // --- search by name, from the list in memory ----------------------------------------------
  const fold = (s) => s.normalize("NFC").toLocaleLowerCase("de-DE");
  let lastQuery = new URLSearchParams(location.search).get("q") || "";

  function refreshResults() {
    if (lastQuery && people.length) renderResults(lastQuery);
  }

  function renderResults(q) {
    const needle = fold(q.trim());
    resultsEl.replaceChildren();
    if (!needle) return;
    const found = people.filter((p) =>
      fold(`${p.firstName} ${p.lastName}\n${p.lastName} ${p.firstName}\n${p.organisation || ""}`).includes(needle),
    );
    const summary = document.createElement("p");
    summary.className = "kern-body";
    summary.id = "checkin-results-count";
    summary.textContent = found.length
      ? t("checkin.page.results", { count: found.length, q })
      : t("checkin.page.noResults", { q });
    resultsEl.append(summary);
    const list = document.createElement("ul");
    list.className = "checkin-people";
    list.setAttribute("aria-labelledby", "checkin-results-count");
    for (const p of found) list.append(personCard(p, q));
    resultsEl.append(list);
  }

  function personCard(p, q) {
    const li = el("li", "checkin-person");
    li.dataset.registrationId = p.registrationId;
    const name = `${p.firstName} ${p.lastName}`;
    li.append(el("p", "checkin-person__name", name));
    if (p.organisation) li.append(el("p", "checkin-person__org", p.organisation));
    li.append(
      el(
        "p",
        "checkin-person__workshops",
        p.workshops.length ? p.workshops.join(" · ") : t("checkin.page.noWorkshops"),
      ),
    );
    if (p.checkedInAt) {
      const done = el(
        "p",
        "checkin-person__done",
        ` ${t("checkin.page.checkedInAt", { time: timeOf(p.checkedInAt) })}`,
      );
      const icon = el("span", "kern-icon kern-icon--success kern-icon--small");
      icon.setAttribute("aria-hidden", "true");
      done.prepend(icon);
      li.append(done);
      if (canUndo)
        li.append(postForm(`${base}/${p.registrationId}/rueckgaengig`, "checkin-person__undo", q, undoButton(name)));
    } else {
      li.append(postForm(`${base}/${p.registrationId}`, "checkin-person__action", q, checkInButton(name)));
    }
    return li;
  }

  function checkInButton(name) {
    const button = el("button", "kern-btn kern-btn--primary checkin-big");
    button.type = "submit";
    const label = el("span", "kern-label", t("checkin.page.checkIn"));
    label.append(el("span", "kern-sr-only", `: ${name}`));
    button.append(label);
    return button;
  }

  function undoButton(name) {
    const button = el("button", "kern-btn kern-btn--tertiary");
    button.type = "submit";
    const label = el("span", "kern-label", t("checkin.page.undo"));
    label.append(el("span", "kern-sr-only", `: ${name}`));
    button.append(label);
    return button;
  }

  function postForm(action, className, q, button) {
    const form = el("form", className);
    form.method = "post";
    form.action = action;
    form.append(hidden("_csrf", csrf), hidden("q", q), button);
    return form;
  }

  // --- wiring ----------------------------------------------------------------------------------
  searchForm.addEventListener("submit", (event) => {
    if (!people.length) return; // list not loaded (yet): the server searches
    event.preventDefault();
    lastQuery = searchForm.elements.q.value;
    renderResults(lastQuery);
  });
  searchForm.elements.q.addEventListener("input", () => {
    if (!people.length) return;
    lastQuery = searchForm.elements.q.value;
    renderResults(lastQuery);
  });

  codeForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const input = codeForm.elements.code;
    const code = ticketCodeOf(input.value);
    if (!code) return input.focus();
    input.value = "";
    checkIn({ code });
    input.focus();
  });

  resultsEl.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("checkin-person__action")) return;
    event.preventDefault();
    const id = form.closest("[data-registration-id]")?.dataset.registrationId;
    if (id) checkIn({ registrationId: id });
  });

  window.addEventListener("online", () => flush().then(refreshList));
  window.addEventListener("offline", () => announce(t("checkin.page.offline")));
  setInterval(() => flush(), 10_000);
  setInterval(() => {
    if (!flushing) refreshList();
  }, 20_000);

  setUpScanner(checkIn, announce, t);
  showPending(readQueue().length);
  refreshList().then(() => flush());
}

/** The camera scan, where the browser has a BarcodeDetector; otherwise the button stays hidden. */
async function setUpScanner(checkIn, announce, t) {
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices?.getUserMedia) return;
  let detector;
  try {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    if (!formats.includes("qr_code")) return;
    detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  } catch {
    return;
  }
  const box = document.getElementById("checkin-scan");
  const button = document.getElementById("checkin-scan-button");
  const hint = document.getElementById("checkin-scan-hint");
  const video = document.getElementById("checkin-video");
  box.hidden = false;
  let stream;
  let timer;
  let last = { code: "", at: 0 };

  const stop = () => {
    clearInterval(timer);
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
    video.hidden = true;
    hint.hidden = true;
    button.querySelector(".kern-label").textContent = t("checkin.page.scan");
  };

  button.addEventListener("click", async () => {
    if (stream) return stop();
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch {
      return announce(t("checkin.page.scanFailed"));
    }
    video.srcObject = stream;
    video.hidden = false;
    hint.hidden = false;
    button.querySelector(".kern-label").textContent = t("checkin.page.scanStop");
    await video.play().catch(() => {});
    timer = setInterval(async () => {
      try {
        const [found] = await detector.detect(video);
        if (!found) return;
        const code = ticketCodeOf(found.rawValue);
        // The same ticket stays in front of the camera for a moment: read it once.
        if (code === last.code && Date.now() - last.at < 4000) return;
        last = { code, at: Date.now() };
        checkIn({ code });
      } catch {
        // A frame that could not be read: try the next one.
      }
    }, 300);
  });
}

/** A scanned link ends in the code; a bare code is taken as it is. */
function ticketCodeOf(text) {
  const value = text.trim();
  if (!value.includes("/")) return value;
  return value.split(/[?#]/)[0].split("/").filter(Boolean).pop() || "";
}

function randomId() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function hidden(name, value) {
  const input = document.createElement("input");
  input.type = "hidden";
  input.name = name;
  input.value = value;
  return input;
}
