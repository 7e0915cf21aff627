import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

// Posts and comments are written in Markdown and turned into HTML once, when they are
// written (see docs/decisions/0013-exchange-markdown-sanitising.md). Two layers:
// markdown-it with raw HTML off (a typed <script> stays text), then sanitize-html with an
// allow-list (no attribute but href, only http, https and mailto links, every link
// rel="nofollow noopener ugc"). Images never come from the text: pictures belong to
// attachments, which carry the required alt text.

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
md.disable(["image"]);
// Only absolute web and mail addresses become links (no relative ones, no other scheme);
// anything else stays the text it was typed as.
md.validateLink = (url) => /^(https?:\/\/|mailto:)/i.test(url);

const linkRel = "nofollow noopener ugc";

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "strong",
    "em",
    "del",
    "s",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "hr",
    "h3",
    "h4",
  ],
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // Whatever is not allowed is dropped together with its content where that content is code.
  disallowedTagsMode: "discard",
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object", "embed", "svg", "math"],
  transformTags: {
    // The page's own headings are h1 and h2: a post's headings sit below them.
    h1: "h3",
    h2: "h3",
    h5: "h4",
    h6: "h4",
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: linkRel } }),
  },
};

/** The Markdown of a post or comment as safe HTML, to store beside the source. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), options).trim();
}
