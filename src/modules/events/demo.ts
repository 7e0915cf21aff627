import { berlinToUtc } from "../../lib/berlin-time.js";
import { newId } from "../../platform/db/ids.js";
import { nowIso } from "../../platform/db/time.js";
import type { SeedContext } from "../../platform/module.js";
import type { Speaker } from "./event-views.js";
import { findUserIdByEmail, insertEvent, slugExists } from "./events.repo.js";
import { slugFor } from "./events.service.js";
import { insertSession } from "./sessions.repo.js";
import type { EventStatus, SessionKind } from "./tables.js";

// The two Fachtage of the seed text (2024, 2025), one held this year (2026, Ganztag), all
// past, and one upcoming Fachtag with open registration. All speakers are invented and
// marked "(fiktiv)".

interface DemoSession {
  kind: SessionKind;
  title: string;
  from: string;
  to: string;
  room?: string;
  capacity?: number;
  abstract?: string;
  speakers?: Speaker[];
}

interface DemoEvent {
  title: string;
  subtitle: string;
  description: string;
  date: string;
  from: string;
  to: string;
  venueName: string;
  venueRoom: string;
  capacity: number;
  status: EventStatus;
  organisers: string[];
  targetGroups: string[];
  themes: string[];
  creditHours: number;
  registrationClosesAt?: string;
  /** Preference mode: participants rank workshops, the organiser allocates (default first come). */
  workshopChoice?: "first_come" | "preferences";
  sessions: DemoSession[];
}

const address = "Trift 26, 29221 Celle";
const accessibility =
  "Der Saal ist stufenlos über einen Aufzug erreichbar. Eine barrierefreie Toilette ist im Erdgeschoss. Eine induktive Höranlage kann auf Wunsch bereitgestellt werden.";
const directions =
  "Vom Bahnhof Celle etwa 15 Minuten zu Fuß oder mit den Buslinien in Richtung Innenstadt. Parkplätze sind am Kreishaus begrenzt; bitte bilden Sie Fahrgemeinschaften.";

const kitaWorkshops: [string, string][] = [
  [
    "Entwicklung beobachten und dokumentieren",
    "Beobachtungsverfahren im Kita-Alltag: Stärken sehen, Risiken früh erkennen.",
  ],
  [
    "Übergang Kita–Grundschule gemeinsam gestalten",
    "Wie Kita, Schule und Eltern den Schulstart gemeinsam vorbereiten.",
  ],
  ["Alltagsintegrierte Sprachförderung", "Sprachanlässe im Alltag erkennen und nutzen – auch bei Mehrsprachigkeit."],
  ["Psychosoziale Entwicklung und Resilienz", "Was Kinder stark macht: Bindung, Selbstwirksamkeit und Gefühle."],
  ["Bewegung und Motorik im Kita-Alltag", "Bewegungsfreude fördern, motorische Auffälligkeiten einordnen."],
  [
    "Zusammenarbeit mit Eltern wertschätzend gestalten",
    "Entwicklungsgespräche führen, die Schätze statt Schwächen zeigen.",
  ],
  [
    "Kindergesundheit: Hinweise aus der Schuleingangsuntersuchung",
    "Was der Jugendärztliche Dienst sieht und wie Kitas früh unterstützen.",
  ],
  ["Inklusion: jedes Kind mitdenken", "Vielfalt in der Gruppe, Teilhabe und Unterstützung durch Frühförderung."],
];

const fictional = [
  "Dr. Beispiel",
  "Anna Muster",
  "Jonas Platzhalter",
  "Dr. Erika Exempel",
  "Lena Probe",
  "Tom Vorlage",
  "Mara Modell",
  "Dr. Paul Entwurf",
];

const demoEvents: DemoEvent[] = [
  {
    title: "Migrationsbedingte Vielfalt in der Bildung",
    subtitle: "Fachtag im Rahmen des Programms Bildungskommunen",
    description:
      "Der Fachtag bot eine Plattform für den Austausch und die Vernetzung von Akteuren aus verschiedenen Bereichen der Bildungsarbeit – von Kindertagesstätten über Schulen bis hin zu Einrichtungen der Erwachsenenbildung und Integrationsprojekten.\n\nDurch den Austausch von Erfahrungen und Best-Practice-Beispielen konnten die Teilnehmenden voneinander lernen und zukünftige Kooperationen anstoßen.",
    date: "2024-02-23",
    from: "09:00",
    to: "15:00",
    venueName: "Kreishaus Celle",
    venueRoom: "Sitzungssaal",
    capacity: 60,
    status: "documented",
    organisers: ["Team Bildungskommunen, Landkreis Celle"],
    targetGroups: ["Fachkräfte aus Kitas und Schulen", "Erwachsenenbildung", "Integrationsprojekte"],
    themes: ["Migration", "Vielfalt", "Vernetzung"],
    creditHours: 5,
    sessions: [
      {
        kind: "welcome",
        title: "Begrüßung und Einführung",
        from: "09:00",
        to: "09:20",
        speakers: [{ name: "Team Bildungskommunen" }],
      },
      {
        kind: "talk",
        title: "Vielfalt als Normalfall: Bildung in der Migrationsgesellschaft",
        from: "09:20",
        to: "10:15",
        speakers: [{ name: "Dr. Beispiel (fiktiv)", role: "Bildungsforscherin" }],
      },
      { kind: "break", title: "Kaffeepause", from: "10:15", to: "10:30" },
      {
        kind: "workshop",
        title: "Mehrsprachigkeit in Kita und Schule",
        from: "10:30",
        to: "12:00",
        capacity: 20,
        speakers: [{ name: "Anna Muster (fiktiv)" }],
      },
      {
        kind: "workshop",
        title: "Elternarbeit mit zugewanderten Familien",
        from: "10:30",
        to: "12:00",
        capacity: 20,
        speakers: [{ name: "Jonas Platzhalter (fiktiv)" }],
      },
      {
        kind: "workshop",
        title: "Wege in Ausbildung und Weiterbildung",
        from: "10:30",
        to: "12:00",
        capacity: 20,
        speakers: [{ name: "Lena Probe (fiktiv)" }],
      },
      { kind: "break", title: "Mittagspause", from: "12:00", to: "13:00" },
      {
        kind: "other",
        title: "Markt der Möglichkeiten: Praxisbeispiele aus dem Landkreis",
        from: "13:00",
        to: "14:15",
      },
      { kind: "other", title: "Ergebnisse, Verabredungen und Abschluss", from: "14:15", to: "15:00" },
    ],
  },
  {
    title: "Kindliche Entwicklung stärken – Schätze statt Schwächen",
    subtitle: "Fachtag für Leitungskräfte und pädagogische Fachkräfte in Kitas",
    description:
      "Der Fachtag rückte die Förderung kindlicher Potenziale und das frühzeitige Erkennen von Entwicklungsrisiken in den Mittelpunkt. Besonders betont wurde die zentrale Rolle der Kindertagesbetreuung für Bildung, Gesundheit und die psychosoziale Entwicklung sowie die Herausforderungen beim Übergang in die Grundschule.\n\nEin Ergebnis: Um die frühkindliche Bildung nachhaltig zu stärken, braucht es ein gemeinsames (Leit-)Bild vom Kind sowie eine wertschätzende Zusammenarbeit aller Akteure – Kitas, Schulen, Eltern, Fachberatung und Politik.",
    date: "2025-03-28",
    from: "09:00",
    to: "14:30",
    venueName: "Kreishaus Celle",
    venueRoom: "Neuer Kreistagssaal des Landkreises Celle",
    capacity: 150,
    status: "documented",
    organisers: [
      "Fachberatung Kindertagesstätten",
      "Team Bildungskommunen",
      "Jugendärztlicher Dienst des Landkreises Celle",
    ],
    targetGroups: ["Leitungskräfte in Kitas", "Pädagogische Fachkräfte in Kitas"],
    themes: ["Frühkindliche Bildung", "Kindliche Entwicklung", "Übergang Kita–Grundschule"],
    creditHours: 5,
    // Its participants ranked the eight workshops (the registrations demo adds them).
    workshopChoice: "preferences",
    sessions: [
      {
        kind: "welcome",
        title: "Begrüßung",
        from: "09:00",
        to: "09:15",
        room: "Neuer Kreistagssaal",
        speakers: [{ name: "Fachberatung Kindertagesstätten" }],
      },
      {
        kind: "talk",
        title: "Schätze statt Schwächen: ein ressourcenorientierter Blick auf kindliche Entwicklung",
        from: "09:15",
        to: "10:00",
        room: "Neuer Kreistagssaal",
        speakers: [
          {
            name: "Prof. Dr. Musterfrau (fiktiv)",
            role: "Entwicklungspsychologin",
            organisation: "Hochschule Beispielstadt (fiktiv)",
          },
        ],
      },
      {
        kind: "talk",
        title: "Was die Schuleingangsuntersuchung über Entwicklungsrisiken zeigt",
        from: "10:00",
        to: "10:45",
        room: "Neuer Kreistagssaal",
        speakers: [{ name: "Dr. Beispiel (fiktiv)", role: "Ärztin", organisation: "Jugendärztlicher Dienst" }],
      },
      ...kitaWorkshops.map(([title, abstract], i) => ({
        kind: "workshop" as const,
        title,
        abstract,
        from: "11:00",
        to: "12:30",
        room: `Raum ${i + 1}`,
        capacity: 20,
        speakers: [{ name: `${fictional[i]} (fiktiv)` }],
      })),
      { kind: "break", title: "Mittagspause", from: "12:30", to: "13:15" },
      {
        kind: "other",
        title: "Abschluss: ein gemeinsames Bild vom Kind",
        from: "13:15",
        to: "14:30",
        room: "Neuer Kreistagssaal",
        abstract:
          "Ergebnisse aus den Workshops und Verabredungen für die Zusammenarbeit von Kitas, Schulen, Eltern, Fachberatung und Politik.",
      },
    ],
  },
  {
    title: "Ganztag gemeinsam gestalten – Grundschulen und ihre Partner",
    subtitle: "Fachtag zum Rechtsanspruch auf Ganztagsbetreuung ab dem Schuljahr 2026/27",
    description:
      "Mit dem Schuljahr 2026/27 beginnt der Rechtsanspruch auf ganztägige Betreuung für Kinder im Grundschulalter. Der Fachtag brachte Grundschulen, Horte, Vereine, Musikschulen, Bibliotheken, Jugendhilfe und die Gemeinden an einen Tisch: Wie wird aus Betreuung ein gutes Bildungsangebot am Nachmittag?\n\nIn vier Workshops entstanden Verabredungen für Kooperationen vor Ort – vom Sportangebot im Ganztag bis zum gemeinsamen Ferienprogramm.",
    date: "2026-09-25",
    from: "09:00",
    to: "15:00",
    venueName: "Kreishaus Celle",
    venueRoom: "Neuer Kreistagssaal des Landkreises Celle",
    capacity: 90,
    status: "held",
    organisers: ["Team Bildungskommunen", "Fachdienst Schule des Landkreises Celle"],
    targetGroups: ["Schulleitungen und Ganztagskoordination", "Außerschulische Partner", "Gemeinden als Schulträger"],
    themes: ["Ganztag", "Kooperation", "Kulturelle Bildung"],
    creditHours: 5,
    sessions: [
      { kind: "welcome", title: "Begrüßung", from: "09:00", to: "09:15", room: "Neuer Kreistagssaal" },
      {
        kind: "talk",
        title: "Vom Betreuungsplatz zum Bildungsort: was guten Ganztag ausmacht",
        from: "09:15",
        to: "10:15",
        room: "Neuer Kreistagssaal",
        speakers: [{ name: "Dr. Paul Entwurf (fiktiv)", role: "Schulforscher" }],
      },
      { kind: "break", title: "Kaffeepause", from: "10:15", to: "10:30" },
      {
        kind: "workshop",
        title: "Vereine und Musikschulen im Ganztag",
        from: "10:30",
        to: "12:00",
        room: "Raum 1",
        capacity: 45,
        speakers: [{ name: "Jonas Platzhalter (fiktiv)" }],
      },
      {
        kind: "workshop",
        title: "Räume teilen: Schule, Hort und Sporthalle",
        from: "10:30",
        to: "12:00",
        room: "Raum 2",
        capacity: 45,
        speakers: [{ name: "Anna Muster (fiktiv)" }],
      },
      { kind: "break", title: "Mittagspause", from: "12:00", to: "13:00" },
      {
        kind: "workshop",
        title: "Ferienbetreuung im Verbund der Gemeinden",
        from: "13:00",
        to: "14:15",
        room: "Raum 1",
        capacity: 45,
        speakers: [{ name: "Mara Modell (fiktiv)" }],
      },
      {
        kind: "workshop",
        title: "Kooperationsverträge: was hinein gehört",
        from: "13:00",
        to: "14:15",
        room: "Raum 2",
        capacity: 45,
        speakers: [{ name: "Tom Vorlage (fiktiv)" }],
      },
      { kind: "other", title: "Verabredungen und Abschluss", from: "14:15", to: "15:00", room: "Neuer Kreistagssaal" },
    ],
  },
  {
    title: "Übergänge gestalten – Kita und Grundschule im Dialog",
    subtitle: "Fachtag für Kitas und Grundschulen im Landkreis Celle",
    description:
      "Wie gelingt der Schulstart für jedes Kind? Kitas und Grundschulen kommen ins Gespräch, lernen Beispiele gelungener Übergangskooperationen kennen und verabreden nächste Schritte in ihren Sozialräumen.",
    date: "2027-03-12",
    from: "09:00",
    to: "15:30",
    venueName: "Kreishaus Celle",
    venueRoom: "Neuer Kreistagssaal des Landkreises Celle",
    capacity: 120,
    status: "published",
    organisers: ["Team Bildungskommunen", "Fachberatung Kindertagesstätten"],
    targetGroups: [
      "Pädagogische Fachkräfte in Kitas",
      "Lehrkräfte an Grundschulen",
      "Schulleitungen und Kita-Leitungen",
    ],
    themes: ["Übergang Kita–Grundschule", "Kooperation", "Sprachbildung"],
    creditHours: 6,
    registrationClosesAt: "2027-03-01T23:00:00.000Z",
    sessions: [
      { kind: "welcome", title: "Begrüßung", from: "09:00", to: "09:15", room: "Neuer Kreistagssaal" },
      {
        kind: "talk",
        title: "Anschlussfähige Bildung: was Kinder beim Übergang brauchen",
        from: "09:15",
        to: "10:15",
        room: "Neuer Kreistagssaal",
        speakers: [{ name: "Dr. Erika Exempel (fiktiv)", role: "Grundschulpädagogin" }],
      },
      {
        kind: "workshop",
        title: "Kooperationskalender Kita–Schule aufbauen",
        from: "10:30",
        to: "12:00",
        room: "Raum 1",
        capacity: 60,
        speakers: [{ name: "Tom Vorlage (fiktiv)" }],
      },
      {
        kind: "workshop",
        title: "Sprachbildung über den Übergang hinweg",
        from: "10:30",
        to: "12:00",
        room: "Raum 2",
        capacity: 60,
        speakers: [{ name: "Mara Modell (fiktiv)" }],
      },
      { kind: "break", title: "Mittagspause", from: "12:00", to: "13:00" },
      {
        kind: "workshop",
        title: "Eltern als Partner beim Schulstart",
        from: "13:00",
        to: "14:30",
        room: "Raum 1",
        capacity: 60,
        speakers: [{ name: "Lena Probe (fiktiv)" }],
      },
      {
        kind: "workshop",
        title: "Entwicklungsdokumentation weitergeben – mit Einwilligung",
        from: "13:00",
        to: "14:30",
        room: "Raum 2",
        capacity: 60,
        speakers: [{ name: "Dr. Paul Entwurf (fiktiv)" }],
      },
      { kind: "other", title: "Verabredungen und Abschluss", from: "14:45", to: "15:30", room: "Neuer Kreistagssaal" },
    ],
  },
];

export async function seedEventsDemo({ platform }: SeedContext): Promise<void> {
  const db = platform.db.kysely;
  const editor = (await findUserIdByEmail(db, "redaktion@bildungsnetz.example")) ?? null;
  for (const demo of demoEvents) {
    const startsAt = berlinToUtc(demo.date, demo.from) as string;
    const slug = slugFor(demo.title, startsAt);
    if (await slugExists(db, slug)) continue;
    const now = nowIso();
    const id = newId();
    await db.transaction().execute(async (trx) => {
      await insertEvent(trx, {
        id,
        slug,
        title: demo.title,
        subtitle: demo.subtitle,
        description: demo.description,
        themes: JSON.stringify(demo.themes),
        target_groups: JSON.stringify(demo.targetGroups),
        organisers: JSON.stringify(demo.organisers),
        starts_at: startsAt,
        ends_at: berlinToUtc(demo.date, demo.to) as string,
        venue_name: demo.venueName,
        venue_room: demo.venueRoom,
        venue_address: address,
        venue_accessibility: accessibility,
        venue_directions: directions,
        capacity: demo.capacity,
        registration_opens_at: null,
        registration_closes_at: demo.registrationClosesAt ?? null,
        confirm_by_email: 1,
        hold_hours: 24,
        reminder_days: 3,
        fee: null,
        credit_hours: demo.creditHours,
        contact_name: "Bildungsbüro Landkreis Celle",
        contact_email: platform.config.district.email,
        contact_phone: platform.config.district.phone,
        status: demo.status,
        workshop_choice: demo.workshopChoice ?? "first_come",
        created_by: editor,
        created_at: now,
        updated_at: now,
      });
      let position = 0;
      for (const s of demo.sessions) {
        await insertSession(trx, {
          id: newId(),
          event_id: id,
          kind: s.kind,
          title: s.title,
          abstract: s.abstract ?? null,
          speakers: JSON.stringify(s.speakers ?? []),
          room: s.room ?? null,
          starts_at: berlinToUtc(demo.date, s.from) as string,
          ends_at: berlinToUtc(demo.date, s.to) as string,
          capacity: s.kind === "workshop" ? (s.capacity ?? null) : null,
          position: ++position,
          created_at: now,
          updated_at: now,
        });
      }
    });
  }
}
