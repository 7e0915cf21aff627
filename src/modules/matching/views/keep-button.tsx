import { Button, Form } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { BookmarkType } from "../bookmarks.service.js";

/** "Merken" or, once kept, "Nicht mehr merken": a plain form, no JavaScript needed. */
export function KeepButton({ type, id, kept, back }: { type: BookmarkType; id: string; kept: boolean; back: string }) {
  const { t } = usePage();
  return (
    <Form
      action={kept ? "/merken/entfernen" : "/merken"}
      class="button-row"
      ariaLabel={kept ? t("matching.unkeep") : t(`matching.keep.${type}`)}
    >
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="zurueck" value={back} />
      {kept ? <span class="kern-body">{t("matching.kept")}</span> : null}
      <Button variant="secondary">{kept ? t("matching.unkeep") : t(`matching.keep.${type}`)}</Button>
    </Form>
  );
}

/** The "Merken" part of another module's page (organisation profile, Fachtag). */
export function KeepSection({ type, id, kept, back }: { type: BookmarkType; id: string; kept: boolean; back: string }) {
  const { t } = usePage();
  const headingId = `merken-${type}`;
  return (
    <section class="stack" aria-labelledby={headingId}>
      <h2 class="kern-heading kern-heading-large" id={headingId}>
        {t("matching.keep.section")}
      </h2>
      <p class="kern-body kern-body--small">
        {t("matching.keep.hint")}{" "}
        <a class="kern-link" href="/merkliste">
          {t("matching.list.title")}
        </a>
      </p>
      <KeepButton type={type} id={id} kept={kept} back={back} />
    </section>
  );
}

/** The Merkliste's part of "Mein Konto". */
export function AccountSection() {
  const { t } = usePage();
  return (
    <section class="stack" aria-labelledby="konto-merkliste">
      <h2 class="kern-heading kern-heading-large" id="konto-merkliste">
        {t("matching.nav")}
      </h2>
      <p class="kern-body">
        {t("matching.account.text")}{" "}
        <a class="kern-link" href="/merkliste">
          {t("matching.account.link")}
        </a>
      </p>
    </section>
  );
}
