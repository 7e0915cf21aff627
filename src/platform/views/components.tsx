import type { ComponentChildren, JSX } from "preact";
import { usePage } from "./page-context.js";

// Small Preact wrappers around KERN UX markup, used by every module's views.
// Server-rendered only: no inline scripts, no style attributes (the CSP forbids both).

export function Heading({ level = 1, children, id }: { level?: 1 | 2 | 3; children: ComponentChildren; id?: string }) {
  const size = level === 1 ? "kern-heading-x-large" : level === 2 ? "kern-heading-large" : "kern-heading-medium";
  const Tag = `h${level}` as "h1" | "h2" | "h3";
  return (
    <Tag class={`kern-heading ${size}`} id={id}>
      {children}
    </Tag>
  );
}

export function Alert({
  kind,
  title,
  children,
  role,
}: {
  kind: "info" | "success" | "warning" | "danger";
  title: string;
  children?: ComponentChildren;
  role?: "alert" | "status";
}) {
  return (
    <div class={`kern-alert kern-alert--${kind}`} role={role}>
      <div class="kern-alert__header">
        <span class={`kern-icon kern-icon--${kind}`} aria-hidden="true" />
        <span class="kern-title">{title}</span>
      </div>
      {children ? <div class="kern-alert__body">{children}</div> : null}
    </div>
  );
}

/** Error summary at the top of a form (GOV.UK pattern): links to each field with a problem. */
/**
 * The GOV.UK error summary: at the top of a form after a failed submit, it takes the
 * focus (autofocus, no script needed), names each field with its label and links to it.
 * The labels are known only once the fields below have rendered, so each entry carries
 * a placeholder that renderDocument fills from the labels the fields recorded.
 */
export function ErrorSummary({ errors }: { errors: Record<string, string> }) {
  const { t } = usePage();
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div
      class="kern-alert kern-alert--danger error-summary"
      role="alert"
      tabIndex={-1}
      id="fehler"
      aria-labelledby="fehler-titel"
      autofocus
    >
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 class="kern-title" id="fehler-titel">
          {t("form.errorSummary", { count: entries.length })}
        </h2>
      </div>
      <div class="kern-alert__body">
        <ul class="kern-list">
          {entries.map(([field, message]) => (
            <li key={field}>
              <a class="kern-link" href={`#${fieldId(field)}`}>
                <span data-error-label={field} />
                {message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * Remembers a field's visible label for the error summary of the page being rendered.
 * The field components call it; a hand-built fieldset calls it with its legend.
 */
export function useFieldLabel(name: string, label: unknown): void {
  const { fieldLabels } = usePage();
  if (fieldLabels && typeof label === "string" && !fieldLabels.has(name)) fieldLabels.set(name, label);
}

/** The text a form posted back for a field (re-rendered after an error), or undefined. */
export const postedText = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

interface FieldBase {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}

function Label({ name, label, required }: Pick<FieldBase, "name" | "label" | "required">) {
  const { t } = usePage();
  useFieldLabel(name, label);
  return (
    <label class="kern-label" for={fieldId(name)}>
      {label}
      {required ? null : <span class="kern-label__optional"> – {t("form.optional")}</span>}
    </label>
  );
}

/** The message beside a field or group, `<id>-error` for its aria-describedby; nothing without an error. */
export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <p class="kern-error" id={`${id}-error`} role="alert">
      <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span class="kern-body">{error}</span>
    </p>
  ) : null;
}

function HintAndError({ name, hint, error }: Pick<FieldBase, "name" | "hint" | "error">) {
  return (
    <>
      {hint ? (
        <div class="kern-hint" id={`${fieldId(name)}-hint`}>
          {hint}
        </div>
      ) : null}
      <FieldError id={fieldId(name)} error={error} />
    </>
  );
}

const describedBy = ({ name, hint, error }: Pick<FieldBase, "name" | "hint" | "error">) =>
  [hint ? `${fieldId(name)}-hint` : null, error ? `${fieldId(name)}-error` : null].filter(Boolean).join(" ") ||
  undefined;

export function TextField({
  type = "text",
  value,
  autocomplete,
  inputMode,
  min,
  max,
  step,
  suggestions,
  searchUrl,
  ...field
}: FieldBase & {
  type?: "text" | "email" | "password" | "number" | "date" | "datetime-local" | "time" | "url" | "tel" | "search";
  /** Values the browser offers while typing (a `<datalist>`, no JavaScript needed); free text stays allowed. */
  suggestions?: readonly string[] | undefined;
  /**
   * A JSON search (`?q=` → `{items: [{name, municipality}]}`) that public/field-suggest.js
   * asks while the person types, for lists too long for the page; the page must load it.
   */
  searchUrl?: string | undefined;
  value?: string | number | undefined;
  autocomplete?: string;
  inputMode?: JSX.HTMLAttributes["inputMode"];
  min?: string | number;
  max?: string | number;
  step?: string | number;
}) {
  return (
    <div class={`kern-form-input${field.error ? " kern-form-input--error" : ""}`}>
      <Label {...field} />
      <HintAndError {...field} />
      <input
        class={`kern-form-input__input${field.error ? " kern-form-input__input--error" : ""}`}
        id={fieldId(field.name)}
        name={field.name}
        type={type}
        value={value ?? ""}
        required={field.required}
        autocomplete={autocomplete}
        inputMode={inputMode}
        min={min}
        max={max}
        step={step}
        list={suggestions?.length ? `${fieldId(field.name)}-vorschlaege` : undefined}
        data-search-url={searchUrl}
        aria-invalid={field.error ? "true" : undefined}
        aria-describedby={describedBy(field)}
      />
      {suggestions?.length ? (
        <datalist id={`${fieldId(field.name)}-vorschlaege`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}

export function TextArea({ value, rows = 5, ...field }: FieldBase & { value?: string | undefined; rows?: number }) {
  return (
    <div class={`kern-form-input${field.error ? " kern-form-input--error" : ""}`}>
      <Label {...field} />
      <HintAndError {...field} />
      <textarea
        class={`kern-form-input__input${field.error ? " kern-form-input__input--error" : ""}`}
        id={fieldId(field.name)}
        name={field.name}
        rows={rows}
        required={field.required}
        aria-invalid={field.error ? "true" : undefined}
        aria-describedby={describedBy(field)}
      >
        {value ?? ""}
      </textarea>
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select({
  options,
  value,
  placeholder,
  ...field
}: FieldBase & { options: Option[]; value?: string | undefined; placeholder?: string }) {
  return (
    <div class={`kern-form-input${field.error ? " kern-form-input--error" : ""}`}>
      <Label {...field} />
      <HintAndError {...field} />
      <div class="kern-form-input__select-wrapper">
        <select
          class={`kern-form-input__select${field.error ? " kern-form-input__select--error" : ""}`}
          id={fieldId(field.name)}
          name={field.name}
          required={field.required}
          aria-invalid={field.error ? "true" : undefined}
          aria-describedby={describedBy(field)}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function Checkbox({
  name,
  label,
  checked,
  value = "on",
  error,
  hint,
  required,
  id,
}: {
  name: string;
  label: ComponentChildren;
  checked?: boolean;
  value?: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  id?: string;
}) {
  const inputId = id ?? fieldId(name);
  useFieldLabel(name, label);
  return (
    <div class={`kern-form-check${error ? " kern-form-check--error" : ""}`}>
      <input
        class={`kern-form-check__checkbox${error ? " kern-form-check__checkbox--error" : ""}`}
        type="checkbox"
        id={inputId}
        name={name}
        value={value}
        checked={checked}
        required={required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={
          [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null].filter(Boolean).join(" ") || undefined
        }
      />
      <label class="kern-label" for={inputId}>
        {label}
      </label>
      {hint ? (
        <div class="kern-hint" id={`${inputId}-hint`}>
          {hint}
        </div>
      ) : null}
      <FieldError id={inputId} error={error} />
    </div>
  );
}

/**
 * A group of checkboxes in a fieldset with legend; the group's error sits above the options.
 * Without `required` the legend says the group is optional.
 */
export function CheckboxGroup({
  name,
  legend,
  options,
  checked,
  error,
  required,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked: string[];
  error?: string | undefined;
  required?: boolean;
}) {
  const { t } = usePage();
  const id = fieldId(name);
  return (
    <fieldset
      class={`kern-fieldset${error ? " kern-fieldset--error" : ""}`}
      id={id}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend class="kern-label">
        {legend}
        {required ? null : <span class="kern-label__optional"> – {t("form.optional")}</span>}
      </legend>
      <FieldError id={id} error={error} />
      <div class="kern-fieldset__body">
        {options.map((o, i) => (
          <Checkbox
            key={o.value}
            id={`${id}-${i}`}
            name={name}
            value={o.value}
            label={o.label}
            checked={checked.includes(o.value)}
          />
        ))}
      </div>
    </fieldset>
  );
}

export function RadioGroup({
  name,
  legend,
  options,
  value,
  error,
  hint,
  required,
}: {
  name: string;
  legend: string;
  options: Option[];
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
}) {
  const id = fieldId(name);
  useFieldLabel(name, legend);
  return (
    <fieldset class={`kern-fieldset${error ? " kern-fieldset--error" : ""}`} id={id}>
      <legend class="kern-label">{legend}</legend>
      {hint ? <div class="kern-hint">{hint}</div> : null}
      {error ? (
        <p class="kern-error" role="alert">
          <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span class="kern-body">{error}</span>
        </p>
      ) : null}
      <div class="kern-fieldset__body">
        {options.map((o, i) => (
          <div class="kern-form-check" key={o.value}>
            <input
              class="kern-form-check__radio"
              type="radio"
              id={`${id}-${i}`}
              name={name}
              value={o.value}
              checked={o.value === value}
              required={required}
            />
            <label class="kern-label" for={`${id}-${i}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** A form that posts without JavaScript and always carries the CSRF token. */
export function Form({
  action,
  method = "post",
  children,
  enctype,
  class: className,
  id,
  ariaLabel,
}: {
  action: string;
  method?: "post" | "get";
  children: ComponentChildren;
  enctype?: "multipart/form-data";
  class?: string;
  id?: string;
  ariaLabel?: string;
}) {
  const { csrfToken } = usePage();
  // Multipart bodies are read whole before the CSRF check, so the token is a form field
  // there too — never in the URL, where logs and Referer headers would carry it.
  return (
    <form action={action} method={method} enctype={enctype} class={className} id={id} aria-label={ariaLabel} noValidate>
      {method === "post" ? <input type="hidden" name="_csrf" value={csrfToken} /> : null}
      {children}
    </form>
  );
}

export function Button({
  children,
  variant = "primary",
  type = "submit",
  name,
  value,
}: {
  children: ComponentChildren;
  variant?: "primary" | "secondary" | "tertiary";
  type?: "submit" | "button";
  name?: string;
  value?: string;
}) {
  return (
    <button class={`kern-btn kern-btn--${variant}`} type={type} name={name} value={value}>
      <span class="kern-label">{children}</span>
    </button>
  );
}

export function LinkButton({
  href,
  children,
  variant = "secondary",
  download,
}: {
  href: string;
  children: ComponentChildren;
  variant?: "primary" | "secondary" | "tertiary";
  download?: boolean;
}) {
  return (
    <a class={`kern-btn kern-btn--${variant}`} href={href} download={download}>
      <span class="kern-label">{children}</span>
    </a>
  );
}

export function Badge({
  kind = "info",
  children,
}: {
  kind?: "info" | "success" | "warning" | "danger";
  children: ComponentChildren;
}) {
  return (
    <span class={`kern-badge kern-badge--${kind}`}>
      <span class="kern-label kern-label--small">{children}</span>
    </span>
  );
}

export function DescriptionList({ items }: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="kern-description-list">
      {items.map(([key, value]) => (
        <div class="kern-description-list-item" key={key}>
          <dt class="kern-description-list-item__key">{key}</dt>
          <dd class="kern-description-list-item__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A table with a caption (required for screen readers) and responsive wrapper. With
 * `cards` it turns into one card per row below 600 px (app.css): each cell carries its
 * column's name, shown beside the value when the header row is hidden.
 */
export function Table({
  caption,
  captionHidden = false,
  headers,
  rows,
  numeric = [],
  cards = false,
}: {
  caption: string;
  /** The caption only for screen readers, where a heading right above says the same. */
  captionHidden?: boolean;
  headers: string[];
  rows: ComponentChildren[][];
  numeric?: number[];
  cards?: boolean;
}) {
  return (
    <div class="kern-table-responsive">
      <table class={cards ? "kern-table card-table" : "kern-table"}>
        <caption class={`kern-title${captionHidden ? " card-table__caption--hidden" : ""}`}>{caption}</caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            {headers.map((h, i) => (
              <th
                key={h}
                scope="col"
                class={`kern-table__header${numeric.includes(i) ? " kern-table__header--numeric" : ""}`}
              >
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {rows.map((row, r) => (
            <tr class="kern-table__row" key={r}>
              {row.map((cell, i) => (
                <td
                  key={i}
                  data-label={cards ? headers[i] : undefined}
                  class={`kern-table__cell${numeric.includes(i) ? " kern-table__cell--numeric" : ""}`}
                >
                  {/* One element per cell: the card's grid puts the column name beside it. */}
                  {cards ? <div>{cell}</div> : cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Page navigation for long lists; keeps the other query parameters. */
export function Pagination({
  page,
  pageCount,
  baseQuery,
  path,
}: {
  page: number;
  pageCount: number;
  baseQuery: URLSearchParams;
  path: string;
}) {
  const { t } = usePage();
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const q = new URLSearchParams(baseQuery);
    q.set("seite", String(p));
    return `${path}?${q.toString()}`;
  };
  return (
    <nav class="pagination" aria-label={t("pagination.label")}>
      <ul class="kern-list kern-list--horizontal">
        {page > 1 ? (
          <li>
            <a class="kern-link" href={href(page - 1)} rel="prev">
              {t("pagination.previous")}
            </a>
          </li>
        ) : null}
        <li>
          <span aria-current="page">{t("pagination.current", { page, pageCount })}</span>
        </li>
        {page < pageCount ? (
          <li>
            <a class="kern-link" href={href(page + 1)} rel="next">
              {t("pagination.next")}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
