import { usePage } from "../../../platform/views/page-context.js";

// The section "Kooperationen" on an organisation's profile page in the directory
// (slot "directory.profile"): its confirmed cooperations with links to the partners.

export interface ProfileCooperation {
  title: string;
  kindLabel: string;
  /** The other partners; the organisation of the profile is left out. */
  partners: { name: string; slug?: string | undefined }[];
  period: string;
  /** The cooperation's own page. */
  url: string;
}

export function ProfileCooperations({
  cooperations,
  proposeUrl,
}: {
  cooperations: ProfileCooperation[];
  /** The new-cooperation form with this organisation chosen, for its members (and the office). */
  proposeUrl: string | null;
}) {
  const { t } = usePage();
  return (
    <section class="stack" aria-labelledby="coop-heading">
      <h2 class="kern-heading kern-heading-large" id="coop-heading">
        {t("network.profile.cooperations")}
      </h2>
      {cooperations.length > 0 ? (
        <ul class="directory-list">
          {cooperations.map((c) => (
            <li class="directory-card" key={c.url}>
              <p class="kern-body kern-body--bold">
                <a class="kern-link" href={c.url}>
                  {c.title}
                </a>
              </p>
              <p class="kern-body kern-body--small">{`${c.kindLabel} · ${c.period}`}</p>
              <p class="kern-body">
                {t("network.profile.partners")}:{" "}
                {c.partners.map((p, j) => (
                  <span key={p.name}>
                    {j > 0 ? ", " : ""}
                    {p.slug ? (
                      <a class="kern-link" href={`/akteure/${p.slug}`}>
                        {p.name}
                      </a>
                    ) : (
                      p.name
                    )}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p class="kern-body">{t("network.profile.noCooperations")}</p>
      )}
      {proposeUrl ? (
        <p class="kern-body">
          <a class="kern-link" href={proposeUrl}>
            {t("network.profile.propose")}
          </a>
        </p>
      ) : null}
    </section>
  );
}
