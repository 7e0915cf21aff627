import { Heading } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { DocumentView } from "../documents.service.js";
import { formatSize } from "../kinds.js";

export const documentsStyles = ["/assets/documents.css?v=1"];

/** "Dokumentation (PDF, 2,4 MB)" */
export function documentDetails(
  t: (key: string, params?: Record<string, string | number>) => string,
  d: DocumentView,
  locale: "de" | "en",
) {
  return t("documents.details", {
    kind: t(`documents.kind.${d.kind}`),
    format: d.format,
    size: formatSize(d.size, locale),
  });
}

/**
 * The downloads of a Fachtag on its public page (and so on its documentation page once
 * it is past). Images are shown with their alt text; the picture loads from the same
 * download address (a browser shows an <img> whatever its Content-Disposition says).
 */
export function DocumentsSection({ documents }: { documents: DocumentView[] }) {
  const { t, locale } = usePage();
  const files = documents.filter((d) => !d.isImage);
  const images = documents.filter((d) => d.isImage);
  return (
    <section class="stack" aria-labelledby="dokumente">
      <Heading level={2} id="dokumente">
        {t("documents.section.title")}
      </Heading>
      {files.length ? (
        <ul class="kern-list documents-list">
          {files.map((d) => (
            <li key={d.id} class="kern-body">
              <a class="kern-link" href={d.url}>
                {d.title}
              </a>{" "}
              – {documentDetails(t, d, locale)}
            </li>
          ))}
        </ul>
      ) : null}
      {images.length ? (
        <>
          <h3 class="kern-heading kern-heading-small">{t("documents.section.images")}</h3>
          <ul class="documents-images">
            {images.map((d) => (
              <li key={d.id}>
                <figure class="documents-figure">
                  <img src={d.url} alt={d.altText ?? ""} loading="lazy" />
                  <figcaption class="kern-body kern-body--small">
                    <a class="kern-link" href={d.url}>
                      {d.title}
                    </a>{" "}
                    – {documentDetails(t, d, locale)}
                  </figcaption>
                </figure>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
