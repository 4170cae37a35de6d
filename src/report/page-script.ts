/**
 * The HTML report's only script: sorting and filtering of a table that is complete without it.
 * It runs in the browser, so it is self-contained (no imports, no closure over this module);
 * the renderer inlines its source, which keeps it type-checked like the rest of the code.
 */
export function reportPageScript(): void {
  const table = document.getElementById("tt-table");
  const form = document.getElementById("tt-filters");
  if (!(table instanceof HTMLTableElement) || !(form instanceof HTMLFormElement)) return;
  const entries = Array.from(table.querySelectorAll<HTMLTableSectionElement>("tbody.entry"));
  const search = form.querySelector<HTMLInputElement>("#tt-search");
  const lang = form.querySelector<HTMLSelectElement>("#tt-lang");
  const statuses = Array.from(form.querySelectorAll<HTMLInputElement>("input[name=status]"));
  const count = document.getElementById("tt-count");
  const empty = document.getElementById("tt-empty");
  const missingGroups = Array.from(document.querySelectorAll<HTMLElement>(".missing-group[data-lang]"));
  const collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });

  const apply = (): void => {
    const query = (search?.value ?? "").trim().toLowerCase();
    const language = lang?.value ?? "";
    const wanted = new Set(statuses.filter((s) => s.checked).map((s) => s.value));
    let shown = 0;
    for (const entry of entries) {
      const visible =
        (language === "" || entry.dataset.lang === language) &&
        wanted.has(entry.dataset.status ?? "") &&
        (query === "" || (entry.dataset.search ?? "").includes(query));
      entry.hidden = !visible;
      if (visible) shown += 1;
    }
    for (const group of missingGroups) group.hidden = language !== "" && group.dataset.lang !== language;
    if (count) {
      const template = count.dataset.template ?? "{shown} / {total}";
      count.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(entries.length));
    }
    if (empty) empty.hidden = shown > 0 || entries.length === 0;
  };

  form.hidden = false;
  form.addEventListener("submit", (event) => event.preventDefault());
  search?.addEventListener("input", apply);
  lang?.addEventListener("change", apply);
  for (const box of statuses) box.addEventListener("change", apply);

  const headers = Array.from(table.querySelectorAll<HTMLTableCellElement>("thead th[data-sort]"));
  const sortBy = (th: HTMLTableCellElement): void => {
    const key = th.dataset.sort ?? "";
    const numeric = th.dataset.type === "number";
    const current = th.getAttribute("aria-sort");
    // Numbers start with the largest (most commits behind first), words from A.
    const direction = current === null ? (numeric ? "descending" : "ascending") : current === "ascending" ? "descending" : "ascending";
    for (const other of headers) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", direction);
    const sign = direction === "ascending" ? 1 : -1;
    const value = (entry: HTMLElement): string => entry.dataset[key] ?? "";
    const sorted = entries.slice().sort((a, b) => {
      const x = value(a);
      const y = value(b);
      // Empty values (no date, no count) go last whichever way the column is sorted.
      if (x === "" || y === "") return x === y ? 0 : x === "" ? 1 : -1;
      const order = numeric ? Number(x) - Number(y) : collator.compare(x, y);
      return sign * order || Number(a.dataset.index) - Number(b.dataset.index);
    });
    for (const entry of sorted) table.appendChild(entry);
  };
  for (const th of headers) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", () => sortBy(th));
  }
  apply();
}
