// html-validate's recommended rules for the HTML kennis and its default theme write
// (tests/integration/html_validate.rs runs it over every page of example-site).
// Every change from the preset, and why:
module.exports = {
  root: true,
  extends: ["html-validate:recommended"],
  rules: {
    // The theme writes `<!doctype html>`; the doctype is case-insensitive, so only the
    // spelling is checked, and kept the same everywhere.
    "doctype-style": ["error", { style: "lowercase" }],
    // Heading ids come from writers' headings ("1. Cache the dependencies" gets
    // `1-cache-the-dependencies`). HTML5 allows any id without spaces; `relaxed` checks
    // exactly that instead of the old HTML 4 rule that an id starts with a letter.
    "valid-id": ["error", { relaxed: true }],
    // `<br>` and `<br />`, `disabled` and `disabled=""` are the same HTML. The theme
    // writes the short forms, the Markdown library the long ones (`<hr />`, a task
    // list's `<input disabled="" … />`); rewriting them would change every page body for
    // nothing a reader or a browser sees.
    "void-style": "off",
    "attribute-boolean-style": "off",
    // Whitespace-only lines are left where a template's `{% if %}` writes nothing:
    // invisible in the page, and taking them out would make the templates harder to read.
    "no-trailing-whitespace": "off",
    // `<title>` is the writer's title and the site's name; kennis does not cut writers'
    // titles short.
    "long-title": "off",
  },
};
