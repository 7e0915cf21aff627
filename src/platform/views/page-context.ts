import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Actor } from "../auth/actor.js";
import type { Config } from "../config.js";
import type { Locale, Translate } from "../i18n/i18n.js";

export interface NavItem {
  href: string;
  /** Catalogue key of the label. */
  label: string;
  /** Shown only to these roles; absent = everybody. */
  roles?: readonly string[];
  order: number;
}

export interface Flash {
  kind: "success" | "info" | "warning" | "danger";
  message: string;
}

/** What every view may read about the current request. */
export interface PageContext {
  t: Translate;
  locale: Locale;
  actor: Actor;
  csrfToken: string;
  path: string;
  district: Config["district"];
  nav: NavItem[];
  flash: Flash | undefined;
  demo: boolean;
  /** Filled while a page renders: each form field's label, for the error summary. */
  fieldLabels?: Map<string, string>;
}

export const PageCtx = createContext<PageContext | null>(null);

export function usePage(): PageContext {
  const ctx = useContext(PageCtx);
  if (!ctx) throw new Error("usePage() outside a rendered page");
  return ctx;
}
