import type { Actor } from "../../platform/auth/actor.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import type { SeedContext } from "../../platform/module.js";
import type { Platform } from "../../platform/platform.js";
import { listOrganisationsForNetwork } from "../directory/index.js";
import { type EventView, listPublicEvents } from "../events/index.js";
import { createCooperation } from "../network/index.js";
import { findResults, insertAgreement } from "./outcomes.repo.js";
import { addAgreement, saveResults } from "./outcomes.service.js";
import type { AgreementStatus } from "./schema.js";

// The past 2025 Kita Fachtag of the events demo gets its results and the agreement between
// two demo organisations, which the network shows as a cooperation proposal started there.
// The 2024 and 2026 Fachtage get results and agreements too; some of those became
// cooperations that every partner confirmed (started a few weeks after the Fachtag), so
// "Kooperationen, davon auf einem Fachtag" differ between the years.

const fachtagTitle = "Kindliche Entwicklung stärken – Schätze statt Schwächen";

export const demoResults = [
  "Um die frühkindliche Bildung nachhaltig zu stärken, braucht es ein gemeinsames (Leit-)Bild vom Kind sowie eine wertschätzende Zusammenarbeit aller Akteure – Kitas, Schulen, Eltern, Fachberatung und Politik.",
  "In den acht Workshops wurde deutlich: Wer auf die Stärken der Kinder schaut, erkennt Entwicklungsrisiken früher und kann gemeinsam mit den Eltern passende Unterstützung finden. Der Übergang in die Grundschule gelingt dort am besten, wo Kita und Schule sich kennen und früh miteinander planen.",
].join("\n\n");

export const demoAgreement =
  "Kita Am Mühlenbach und Grundschule Am Beispielweg planen den Übergang in die Schule gemeinsam";

interface OtherFachtag {
  title: string;
  results: string;
  agreements: {
    title: string;
    partners: string[];
    status: AgreementStatus;
    dueOn?: string;
    /** The day the partners started it as a confirmed cooperation; none: still only proposed. */
    startedOn?: string;
    kind?: "projekt" | "vereinbarung";
  }[];
}

const otherFachtage: OtherFachtag[] = [
  {
    title: "Migrationsbedingte Vielfalt in der Bildung",
    results: [
      "Mehrsprachigkeit ist in Kitas, Schulen und der Erwachsenenbildung des Landkreises der Normalfall. Die Teilnehmenden wünschen sich mehr Austausch über die Grenzen der Bildungsbereiche hinweg und feste Ansprechpersonen für zugewanderte Familien.",
      "Aus dem Markt der Möglichkeiten entstanden Verabredungen für Elterncafés mit Sprachmittlung und für die Sprachförderung auf dem Weg in die Ausbildung.",
    ].join("\n\n"),
    agreements: [
      {
        title: "Interkultureller Treffpunkt und Volkshochschule bieten gemeinsam Elterncafés mit Sprachmittlung an",
        partners: ["Interkultureller Treffpunkt Celle", "Volkshochschule Heide-Aller"],
        status: "done",
        dueOn: "2024-06-30",
        startedOn: "2024-04-15",
        kind: "projekt",
      },
      {
        title: "Berufsbildende Schulen und Bildungsberatung begleiten Zugewanderte in die Ausbildung",
        partners: ["Berufsbildende Schulen Beispielstadt", "Bildungsberatung Aller-Leine"],
        status: "done",
        dueOn: "2024-09-30",
        startedOn: "2024-09-02",
      },
    ],
  },
  {
    title: "Ganztag gemeinsam gestalten – Grundschulen und ihre Partner",
    results: [
      "Guter Ganztag entsteht vor Ort: Grundschulen, Vereine, Musikschulen, Bibliotheken und Jugendhilfe kennen sich, teilen Räume und planen den Nachmittag gemeinsam. Die Gemeinden als Schulträger wollen dafür Kooperationsverträge nach einem gemeinsamen Muster anbieten.",
      "Für die Ferien prüfen benachbarte Gemeinden eine gemeinsame Betreuung.",
    ].join("\n\n"),
    agreements: [
      {
        title:
          "Sportverein Eintracht Eschede bietet an der Grundschule Unter den Eichen ein Bewegungsangebot im Ganztag an",
        partners: ["Sportverein Eintracht Eschede", "Grundschule Unter den Eichen"],
        status: "in_progress",
        dueOn: "2027-07-31",
        startedOn: "2026-11-02",
        kind: "projekt",
      },
      {
        title: "Musikschule und Grundschule Allerwiesen planen ein Instrumentenkarussell im Ganztag",
        partners: ["Musikschule Heidekreis-Celle", "Grundschule Allerwiesen"],
        status: "open",
        dueOn: "2027-02-28",
      },
    ],
  },
];

const organiserOf = (event: EventView): Actor => ({
  kind: "user",
  id: event.createdBy as string,
  email: "redaktion@bildungsnetz.example",
  name: "Erik Redaktion (Demo)",
  role: "editor",
  via: "session",
});

/** An agreement that the partners turned into a cooperation: recorded (confirmed for all) by the demo admin. */
async function agreedCooperation(
  platform: Platform,
  event: EventView,
  agreement: OtherFachtag["agreements"][number],
  organisationIds: string[],
  organiser: Actor,
): Promise<void> {
  if (!agreement.startedOn) {
    // Still only an agreement: proposed to the partners, nobody has confirmed yet.
    await addAgreement(platform, organiser, event.id, {
      title: agreement.title,
      organisationIds,
      dueOn: agreement.dueOn,
      status: agreement.status,
    });
    return;
  }
  const db = platform.db.kysely;
  const admin = await db
    .selectFrom("users")
    .select(["id", "email", "name"])
    .where("role", "=", "admin")
    .executeTakeFirst();
  if (!admin) return;
  const cooperation = await createCooperation(
    platform,
    { kind: "user", id: admin.id, email: admin.email, name: admin.name, role: "admin", via: "session" },
    {
      title: agreement.title,
      kind: agreement.kind ?? "vereinbarung",
      organisationIds,
      startsOn: agreement.startedOn,
      status: "active",
      origin: `Fachtag ${event.title}`,
      originEventId: event.id,
    },
  );
  const now = nowIso();
  await insertAgreement(
    db,
    {
      id: newId(),
      event_id: event.id,
      title: agreement.title,
      due_on: agreement.dueOn ?? null,
      status: agreement.status,
      cooperation_id: cooperation.id,
      created_by: organiser.kind === "user" ? organiser.id : null,
      created_at: now,
      updated_at: now,
    },
    organisationIds,
  );
}

async function seedOtherFachtage(platform: Platform, events: EventView[]): Promise<void> {
  const db = platform.db.kysely;
  const orgs = await listOrganisationsForNetwork(db);
  for (const demo of otherFachtage) {
    const event = events.find((e) => e.title === demo.title);
    if (!event?.createdBy || (await findResults(db, event.id)) !== null) continue;
    const organiser = organiserOf(event);
    await saveResults(platform, organiser, event.id, demo.results);
    for (const agreement of demo.agreements) {
      const ids = agreement.partners.map((name) => orgs.find((o) => o.name.startsWith(name))?.id);
      if (ids.some((id) => !id)) continue;
      await agreedCooperation(platform, event, agreement, ids as string[], organiser);
    }
  }
}

export async function seedOutcomesDemo({ platform }: SeedContext): Promise<void> {
  const db = platform.db.kysely;
  const events = await listPublicEvents(db);
  await seedOtherFachtage(platform, events);
  const event = events.find((e) => e.title === fachtagTitle);
  if (!event?.createdBy || (await findResults(db, event.id)) !== null) return;
  const organiser = organiserOf(event);
  await saveResults(platform, organiser, event.id, demoResults);
  const orgs = await listOrganisationsForNetwork(db);
  const ids = ["Kita Am Mühlenbach", "Grundschule Am Beispielweg"].map(
    (name) => orgs.find((o) => o.name.startsWith(name))?.id,
  );
  if (ids.some((id) => !id)) return;
  await addAgreement(platform, organiser, event.id, {
    title: demoAgreement,
    organisationIds: ids as string[],
    dueOn: "2026-07-31",
    status: "in_progress",
  });
}
