import type { SeedContext } from "../../platform/module.js";
import { listPublicEvents } from "../events/index.js";
import { attendanceList, markCheckedIn } from "../registrations/index.js";
import { issueForDemo } from "./certificates.service.js";

// Demo: the 2025 Kita Fachtag (the demo's richest past Fachtag) gets a dozen people checked
// in at the entrance and their certificates issued — not mailed — so that a newcomer can
// download one and check its code.

const DEMO_PRESENT = 12;

export async function seedCertificatesDemo({ platform, announce }: SeedContext): Promise<void> {
  const db = platform.db.kysely;
  const events = await listPublicEvents(db, { from: "2025-03-28T00:00:00.000Z", to: "2025-03-29T00:00:00.000Z" });
  for (const event of events) {
    const people = await attendanceList(db, event.id);
    if (!people.length) continue;
    if (!people.some((p) => p.checkedInAt)) {
      const at = new Date(Date.parse(event.startsAt) - 15 * 60_000).toISOString();
      for (const p of people.slice(0, DEMO_PRESENT)) await markCheckedIn(db, p.id, at, "demo");
    }
    const code = await issueForDemo(platform, event);
    if (code) announce(`Bescheinigungen: Demo-Prüfcode ${code} (${event.title}) – /bescheinigung/pruefen?code=${code}`);
    return;
  }
}
