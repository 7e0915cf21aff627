import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.js";
import { payloads, unsafeParts } from "./test-fixtures.js";

// Markdown of posts and comments becomes HTML once, on write. Whatever a person types —
// the known XSS payloads below — the stored HTML holds only allow-listed elements with
// href and rel, and links only to http, https and mailto addresses, with rel="nofollow
// noopener ugc". What is not allowed is shown as text, not run.

describe("renderMarkdown", () => {
  it("keeps at least 50 known payloads in the repository", () => {
    expect(payloads.length).toBeGreaterThanOrEqual(50);
  });

  it.each(payloads)("renders %s harmlessly", (payload) => {
    const html = renderMarkdown(payload);
    expect(unsafeParts(html)).toEqual([]);
  });

  it("renders all payloads in one body harmlessly", () => {
    expect(unsafeParts(renderMarkdown(payloads.join("\n\n")))).toEqual([]);
    expect(unsafeParts(renderMarkdown(payloads.join("\n")))).toEqual([]);
  });

  it("shows a typed script as text", () => {
    expect(renderMarkdown("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  });

  it("keeps Markdown: emphasis, lists, headings below the page's, safe links with rel", () => {
    const html = renderMarkdown(
      "# Titel\n\n**fett** und *kursiv*\n\n- eins\n- zwei\n\n[Link](https://example.org) mailto:info@example.org",
    );
    expect(html).toContain("<h3>Titel</h3>");
    expect(html).toContain("<strong>fett</strong>");
    expect(html).toContain("<em>kursiv</em>");
    expect(html).toContain("<li>eins</li>");
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener ugc">Link</a>');
    expect(html).toContain('<a href="mailto:info@example.org" rel="nofollow noopener ugc">');
  });

  it("links bare addresses (linkify) and never shows pictures from the text", () => {
    expect(renderMarkdown("Siehe https://example.org/a?b=1")).toContain(
      '<a href="https://example.org/a?b=1" rel="nofollow noopener ugc">',
    );
    expect(renderMarkdown("![Foto](https://example.org/a.png)")).not.toContain("<img");
  });
});
