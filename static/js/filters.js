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
