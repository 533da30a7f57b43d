// Filter forms send only the fields that say something, so that the address of a filtered page
// stays short and readable when it is shared ("?partner=cn", not "?q=&partner=cn&sector=..."):
// empty fields are left out, and so is a field left at its default (data-default).
// Without this script the form works the same, with every field in the address.
for (const form of document.querySelectorAll("form.filters")) {
  form.addEventListener("formdata", (event) => {
    const defaults = new Map();
    for (const field of form.querySelectorAll("[data-default]")) {
      defaults.set(field.name, field.dataset.default);
    }
    const entries = [...event.formData.entries()];
    for (const name of new Set(entries.map(([name]) => name))) {
      event.formData.delete(name);
    }
    for (const [name, value] of entries) {
      if (value !== "" && defaults.get(name) !== value) {
        event.formData.append(name, value);
      }
    }
  });
}

// The filter panel (<details class="filter-panel" open>) is open in the page, so that it works
// without this script; on a narrow screen it starts closed, so that the results come first, and
// opens with its summary. Wider again, it opens. The page's HTML is the same for every screen.
const narrow = window.matchMedia("(max-width: 50rem)");
function fitPanels() {
  for (const panel of document.querySelectorAll("details.filter-panel")) {
    panel.open = !narrow.matches;
  }
}
fitPanels();
narrow.addEventListener("change", fitPanels);
