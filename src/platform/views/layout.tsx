import type { ComponentChildren } from "preact";
import { isUser } from "../auth/actor.js";
import { Alert } from "./components.js";
import { usePage } from "./page-context.js";

export const assetVersion = "2";

/** The script behind TextField's `searchUrl` (suggestions from a JSON search while typing). */
export const fieldSuggestScript = `/assets/field-suggest.js?v=${assetVersion}`;

function isCurrent(path: string, href: string): boolean {
  return href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
}

function MainNav() {
  const { t, nav, actor, path } = usePage();
  const visible = nav.filter((item) => !item.roles || (isUser(actor) && item.roles.includes(actor.role)));
  return (
    <nav class="site-nav" aria-label={t("layout.mainNav")}>
      <ul class="site-nav__list">
        {visible.map((item) => (
          <li key={item.href}>
            <a class="site-nav__link" href={item.href} aria-current={isCurrent(path, item.href) ? "page" : undefined}>
              {t(item.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The search field of every page: a plain GET form to the site search (/suche). The
 * platform only knows the address; the search itself is a module's.
 */
function HeaderSearch() {
  const { t, path } = usePage();
  // The search page has its own, larger field with the filters.
  if (path === "/suche") return null;
  return (
    <search class="site-search">
      <form action="/suche" method="get" class="site-search__form">
        <label class="visually-hidden" for="site-search-q">
          {t("layout.searchLabel")}
        </label>
        <input
          class="kern-form-input__input site-search__input"
          id="site-search-q"
          name="q"
          type="search"
          maxLength={200}
        />
        <button class="kern-btn kern-btn--secondary kern-btn--x-small site-search__button" type="submit">
          <span class="kern-label">{t("layout.searchButton")}</span>
        </button>
      </form>
    </search>
  );
}

function UserArea() {
  const { t, actor, csrfToken, path, locale } = usePage();
  const otherLocale = locale === "de" ? "en" : "de";
  const languageHref = `/sprache?lang=${otherLocale}&zurueck=${encodeURIComponent(path)}`;
  return (
    <div class="site-header__tools">
      <a class="kern-link" href={languageHref} lang={otherLocale} hrefLang={otherLocale}>
        <span class="kern-icon kern-icon--language" aria-hidden="true" />
        <span class="kern-sr-only">{t("layout.languageSwitchLabel")}: </span>
        {t("layout.languageSwitch")}
      </a>
      {isUser(actor) ? (
        <>
          <a class="kern-link" href="/konto" aria-current={isCurrent(path, "/konto") ? "page" : undefined}>
            <span class="kern-icon kern-icon--account-circle" aria-hidden="true" />
            {t("nav.account")}
          </a>
          <form action="/abmelden" method="post" class="site-header__logout">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <button class="kern-btn kern-btn--tertiary kern-btn--x-small" type="submit">
              <span class="kern-label">{t("nav.logout")}</span>
            </button>
          </form>
        </>
      ) : (
        <a class="kern-link" href="/anmelden" aria-current={isCurrent(path, "/anmelden") ? "page" : undefined}>
          <span class="kern-icon kern-icon--account-circle" aria-hidden="true" />
          {t("nav.login")}
        </a>
      )}
    </div>
  );
}

export function Layout({
  title,
  children,
  scripts = [],
  styles = [],
  feeds = [],
}: {
  title: string;
  children: ComponentChildren;
  feeds?: { href: string; title: string }[];
  /** Progressive-enhancement scripts of this page (same origin, loaded as modules). */
  scripts?: string[];
  styles?: string[];
}) {
  const { t, locale, district, flash, demo } = usePage();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t("app.name")} ${district.name}`}</title>
        <link rel="stylesheet" href={`/assets/kern/kern.min.css?v=${assetVersion}`} />
        <link rel="stylesheet" href={`/assets/app.css?v=${assetVersion}`} />
        {styles.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        {feeds.map((feed) => (
          <link key={feed.href} rel="alternate" type="application/atom+xml" title={feed.title} href={feed.href} />
        ))}
        {scripts.map((src) => (
          <script key={src} type="module" src={src} />
        ))}
      </head>
      <body class="kern-body">
        <a class="skip-link" href="#inhalt">
          {t("layout.skipLink")}
        </a>
        <header class="site-header">
          <div class="kern-container site-header__inner">
            <a class="site-header__brand" href="/">
              <span class="site-header__district">{district.name}</span>
              <span class="site-header__app">{t("app.name")}</span>
            </a>
            <HeaderSearch />
            <UserArea />
          </div>
          <div class="kern-container">
            <MainNav />
          </div>
        </header>
        <main id="inhalt" class="kern-container site-main" tabIndex={-1}>
          {demo ? <p class="demo-notice kern-body--small">{t("home.demoNotice")}</p> : null}
          {flash ? (
            <div class="flash">
              <Alert kind={flash.kind} title={flash.message} role="status" />
            </div>
          ) : null}
          {children}
        </main>
        <footer class="site-footer">
          <div class="kern-container">
            <nav aria-label={t("layout.footerNav")}>
              <ul class="site-footer__list">
                <li>
                  <a class="kern-link" href="/impressum">
                    {t("nav.impressum")}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href="/datenschutz">
                    {t("nav.privacy")}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href="/barrierefreiheit">
                    {t("nav.accessibility")}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href="/leichte-sprache">
                    <span class="kern-icon kern-icon--easy-language" aria-hidden="true" />
                    {t("nav.easyLanguage")}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href="/api">
                    {t("nav.api")}
                  </a>
                </li>
              </ul>
            </nav>
            <p class="kern-body kern-body--small">
              {district.office} · {district.name} · {district.address} ·{" "}
              <a class="kern-link" href={`mailto:${district.email}`}>
                {district.email}
              </a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
