import type { Page } from "playwright-core";

/**
 * The structural rules every page of the site keeps, checked on the loaded page:
 * lang attribute, exactly one h1, a skip link as first focus stop that moves focus
 * to <main>. Returns readable problems ("/path: …"); empty when all is well.
 * Moves the focus (presses Tab and Enter), so run axe before this.
 */
export async function checkPageBasics(
  page: Page,
  options: {
    lang?: string;
    /** false for documents without the site frame (e.g. a list embedded in other sites): no main/skip link. */
    siteFrame?: boolean;
  } = {},
): Promise<string[]> {
  const { lang = "de", siteFrame = true } = options;
  const url = new URL(page.url());
  const where = url.pathname + url.search;
  const problems: string[] = [];

  const htmlLang = await page.locator("html").getAttribute("lang");
  if (htmlLang !== lang) problems.push(`${where}: <html lang="${htmlLang}">, erwartet "${lang}"`);

  const h1 = await page.locator("h1").count();
  if (h1 !== 1) problems.push(`${where}: ${h1} h1-Überschriften, erwartet genau eine`);

  if (!siteFrame) return problems;

  const mains = await page.locator("main").count();
  if (mains !== 1) problems.push(`${where}: ${mains} <main>-Elemente, erwartet genau eins`);

  // Start from the top of the document, as after loading the page.
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase(), href: el?.getAttribute("href"), text: el?.textContent?.trim() };
  });
  if (first.tag !== "a" || !first.href?.startsWith("#")) {
    problems.push(`${where}: erster Tab-Stopp ist kein Sprunglink (<${first.tag}> "${first.text ?? ""}")`);
    return problems;
  }
  await page.keyboard.press("Enter");
  const focused = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase(), insideMain: Boolean(el?.closest("main")) };
  });
  if (focused.tag !== "main" && !focused.insideMain) {
    problems.push(`${where}: Sprunglink ${first.href} setzt den Fokus nicht auf <main> (Fokus: <${focused.tag}>)`);
  }
  return problems;
}

/** Computed-style check that the focused element shows a focus indicator. */
export async function focusIndicator(page: Page): Promise<{ element: string; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { element: "body", visible: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
    const label = `<${el.tagName.toLowerCase()}${el.getAttribute("name") ? ` name=${el.getAttribute("name")}` : ""}> "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    return { element: label, visible: outline || shadow };
  });
}
