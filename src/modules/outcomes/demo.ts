import type { Actor } from "../../platform/auth/actor.js";
import type { SeedContext } from "../../platform/module.js";
import { listOrganisationsForNetwork } from "../directory/index.js";
import { listPublicEvents } from "../events/index.js";
import { findResults } from "./outcomes.repo.js";
import { addAgreement, saveResults } from "./outcomes.service.js";

// The past 2025 Kita Fachtag of the events demo gets its results and the agreement between
// two demo organisations, which the network shows as a cooperation proposal started there.

const fachtagTitle = "Kindliche Entwicklung stärken – Schätze statt Schwächen";

export const demoResults = [
  "Um die frühkindliche Bildung nachhaltig zu stärken, braucht es ein gemeinsames (Leit-)Bild vom Kind sowie eine wertschätzende Zusammenarbeit aller Akteure – Kitas, Schulen, Eltern, Fachberatung und Politik.",
  "In den acht Workshops wurde deutlich: Wer auf die Stärken der Kinder schaut, erkennt Entwicklungsrisiken früher und kann gemeinsam mit den Eltern passende Unterstützung finden. Der Übergang in die Grundschule gelingt dort am besten, wo Kita und Schule sich kennen und früh miteinander planen.",
].join("\n\n");

export const demoAgreement =
  "Kita Am Mühlenbach und Grundschule Am Beispielweg planen den Übergang in die Schule gemeinsam";

export async function seedOutcomesDemo({ platform }: SeedContext): Promise<void> {
  const db = platform.db.kysely;
  const event = (await listPublicEvents(db)).find((e) => e.title === fachtagTitle);
  if (!event?.createdBy || (await findResults(db, event.id)) !== null) return;
  const organiser: Actor = {
    kind: "user",
    id: event.createdBy,
    email: "redaktion@bildungsnetz.example",
    name: "Erik Redaktion (Demo)",
    role: "editor",
    via: "session",
  };
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
