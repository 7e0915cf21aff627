import type { Conn } from "../../../platform/db/database.js";
import { formatDate } from "../../../platform/i18n/i18n.js";
import { chunked, groupBy, joinText, jsonList, type SearchSource, strings } from "./source.js";

// Fachtage, upcoming and archived, with their programme items and the titles of their
// public documents. Drafts are never indexed, and neither are cancelled Fachtage: the
// search points people to what takes place or took place. Organiser-only documents stay out.

const shown = ["published", "registration_open", "registration_closed", "held", "documented"] as const;

const speakerNames = (text: string): string[] =>
  jsonList(text)
    .map((s) => (s && typeof s === "object" && "name" in s ? String((s as { name: unknown }).name) : ""))
    .filter(Boolean);

export const eventsSource: SearchSource = {
  name: "events",
  types: ["event"],
  async entries(db: Conn, sourceIds) {
    if (sourceIds && sourceIds.length === 0) return [];
    const events = [];
    for (const chunk of sourceIds ? chunked(sourceIds) : [undefined]) {
      events.push(
        ...(await db
          .selectFrom("events")
          .selectAll()
          .where("status", "in", [...shown])
          .$if(chunk !== undefined, (q) => q.where("id", "in", chunk ?? []))
          .execute()),
      );
    }
    const sessions = [];
    const documents = [];
    for (const chunk of chunked(
      events.map((e) => e.id),
      500,
    )) {
      sessions.push(
        ...(await db
          .selectFrom("event_sessions")
          .select(["event_id", "title", "abstract", "speakers", "position", "starts_at"])
          .where("event_id", "in", chunk)
          .orderBy("starts_at")
          .orderBy("position")
          .execute()),
      );
      documents.push(
        ...(await db
          .selectFrom("event_documents")
          .select(["event_id", "title"])
          .where("event_id", "in", chunk)
          .where("public", "=", 1)
          .orderBy("created_at")
          .execute()),
      );
    }
    const sessionsOf = groupBy(sessions, (s) => s.event_id);
    const documentsOf = groupBy(documents, (d) => d.event_id);
    return events.map((e) => {
      const programme = sessionsOf.get(e.id) ?? [];
      const docs = documentsOf.get(e.id) ?? [];
      const themes = strings(e.themes);
      return {
        type: "event" as const,
        refId: e.id,
        sourceId: e.id,
        title: e.title,
        body: joinText(
          [
            joinText([formatDate(e.starts_at, "de"), e.venue_name]),
            e.subtitle,
            e.description,
            programme.length > 0 ? `Programm: ${programme.map((s) => s.title).join(", ")}` : null,
            docs.length > 0 ? `Dokumente: ${docs.map((d) => d.title).join(", ")}` : null,
          ],
          ". ",
        ),
        keywords: [
          ...themes,
          ...strings(e.target_groups),
          ...strings(e.organisers),
          ...programme.flatMap((s) => [s.abstract, ...speakerNames(s.speakers)]),
        ],
        url: `/fachtage/${e.slug}`,
        sortAt: e.starts_at,
        facets: themes.map((t) => ["theme", t] as const),
      };
    });
  },
};
