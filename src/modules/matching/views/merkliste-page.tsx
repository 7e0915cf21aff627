import { Button, Checkbox, Form, Heading } from "../../../platform/views/components.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { Merkliste, MerklisteItem } from "../bookmarks.service.js";

function Group({ id, title, items }: { id: string; title: string; items: MerklisteItem[] }) {
  const { t } = usePage();
  return (
    <section class="stack" aria-labelledby={id}>
      <h2 class="kern-heading kern-heading-large" id={id}>
        {title}
      </h2>
      {items.length === 0 ? (
        <p class="kern-body">{t("matching.list.empty")}</p>
      ) : (
        <ul class="card-grid">
          {items.map((item) => (
            <li key={item.id} class="stack">
              <a class="kern-link" href={item.url}>
                {item.title}
              </a>
              {item.matchesUrl ? (
                <a class="kern-link" href={item.matchesUrl}>
                  {t("matching.list.matches")}
                </a>
              ) : null}
              <Form action="/merken/entfernen" ariaLabel={t("matching.list.remove", { title: item.title })}>
                <input type="hidden" name="type" value={item.type} />
                <input type="hidden" name="id" value={item.id} />
                <input type="hidden" name="zurueck" value="/merkliste" />
                <Button variant="tertiary">
                  {t("matching.list.removeShort")}
                  <span class="visually-hidden"> {item.title}</span>
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** /merkliste: what the signed-in person bookmarked, and the match e-mail setting. */
export function MerklistePage({ list }: { list: Merkliste }) {
  const { t } = usePage();
  return (
    <div class="stack">
      <Heading>{t("matching.list.title")}</Heading>
      <p class="kern-body">{t("matching.list.intro")}</p>
      <Group id="gemerkte-beitraege" title={t("matching.list.posts")} items={list.posts} />
      <Group id="gemerkte-organisationen" title={t("matching.list.organisations")} items={list.organisations} />
      <Group id="gemerkte-fachtage" title={t("matching.list.events")} items={list.events} />
      <section class="stack" aria-labelledby="passend-mail">
        <h2 class="kern-heading kern-heading-large" id="passend-mail">
          {t("matching.settings.title")}
        </h2>
        <Form action="/merkliste/einstellungen" class="form-stack" ariaLabel={t("matching.settings.title")}>
          <Checkbox
            name="notify"
            label={t("matching.settings.notify")}
            hint={t("matching.settings.hint")}
            checked={list.notify}
          />
          <div class="button-row">
            <Button>{t("matching.settings.save")}</Button>
          </div>
        </Form>
      </section>
    </div>
  );
}
