import { formatTime } from "../../../platform/i18n/i18n.js";
import { usePage } from "../../../platform/views/page-context.js";
import type { SlotExplanation } from "../allocation.service.js";

/** On the participant's own page: per time slot, the workshop and one sentence on why. */
export function PlacementExplanation({ slots }: { slots: SlotExplanation[] }) {
  const { t, locale } = usePage();
  return (
    <section class="stack" aria-labelledby="zuteilung">
      <h2 class="kern-heading kern-heading-large" id="zuteilung">
        {t("allocation.explain.heading")}
      </h2>
      <ul class="kern-list">
        {slots.map((s) => (
          <li key={s.startsAt}>
            <strong>
              {t("allocation.explain.slot", { from: formatTime(s.startsAt, locale), to: formatTime(s.endsAt, locale) })}
              {s.workshop ? `: ${s.workshop}` : ""}
            </strong>{" "}
            {sentence(t, s)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function sentence(t: ReturnType<typeof usePage>["t"], s: SlotExplanation): string {
  switch (s.kind) {
    case "first":
      return t("allocation.explain.first");
    case "lower":
      return t("allocation.explain.lower", {
        rank: s.rank ?? 0,
        wishes: s.firstWish?.wishes ?? 0,
        places: s.firstWish?.places ?? 0,
      });
    case "none":
      return t("allocation.explain.none");
    case "byHand":
      return t("allocation.explain.byHand");
  }
}
