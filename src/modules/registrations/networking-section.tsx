import { DomainError } from "../../platform/http/errors.js";
import { section } from "../../platform/module.js";
import { usePage } from "../../platform/views/page-context.js";
import { networkingList } from "./networking.js";
import type { NetworkingRow } from "./networking.repo.js";

function NetworkingSection({ people }: { people: NetworkingRow[] }) {
  const { t } = usePage();
  return (
    <section class="stack" aria-labelledby="vernetzung">
      <h2 class="kern-heading kern-heading-large" id="vernetzung">
        {t("registrations.networking.title")}
      </h2>
      <p class="kern-body">{t("registrations.networking.intro")}</p>
      {people.length === 0 ? (
        <p class="kern-body">{t("registrations.networking.empty")}</p>
      ) : (
        <ul class="kern-list stack">
          {people.map((p) => (
            <li key={p.id}>
              <p class="kern-body kern-body--bold">
                {p.firstName} {p.lastName}
              </p>
              {p.organisation || p.municipality ? (
                <p class="kern-body">{[p.organisation, p.municipality].filter(Boolean).join(", ")}</p>
              ) : null}
              {p.workshops.length ? (
                <p class="kern-body kern-body--small">
                  {t("registrations.networking.workshops", { workshops: p.workshops.join(", ") })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * On a participant's own page, once the Fachtag has begun: the others who agreed to the
 * participant list — only for those who agreed themselves (the service decides).
 */
export const networkingSection = section({
  slot: "registrations.manage",
  order: 8,
  render: async ({ token }, request) => {
    try {
      const list = await networkingList(request.server.platform, request.actor, token);
      return list.available ? <NetworkingSection people={list.people} /> : null;
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  },
});
