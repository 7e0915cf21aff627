// Progressive enhancement for text fields with data-search-url (e.g. the organisation
// field of the Fachtag registration when the Bildungsportal has too many organisations to
// list in the page): while the person types, matching entries from the JSON search are
// offered in a <datalist> as "Name (Gemeinde)". The field stays free text; without
// JavaScript nothing is offered, and the server still links a name that matches exactly.

const MIN_LENGTH = 2;
const DELAY_MS = 200;

for (const input of document.querySelectorAll("input[data-search-url]")) {
  const list = document.createElement("datalist");
  list.id = `${input.id}-vorschlaege`;
  input.after(list);
  input.setAttribute("list", list.id);

  let timer;
  let asked = "";
  let pending;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = input.value.trim();
      if (query.length < MIN_LENGTH || query === asked) return;
      asked = query;
      pending?.abort();
      pending = new AbortController();
      const url = new URL(input.dataset.searchUrl, window.location.href);
      url.searchParams.set("q", query);
      url.searchParams.set("limit", "20");
      try {
        const response = await fetch(url, { signal: pending.signal, headers: { accept: "application/json" } });
        if (!response.ok) return;
        const { items = [] } = await response.json();
        list.replaceChildren(
          ...items.map((item) => {
            const option = document.createElement("option");
            option.value = `${item.name} (${item.municipality})`;
            return option;
          }),
        );
      } catch {
        // Aborted by newer typing, or offline: the field simply offers nothing.
      }
    }, DELAY_MS);
  });
}
