import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { createUserWithToken } from "../../../tests/helpers/users.js";
import { type Actor, anonymous, type Role } from "../../platform/auth/actor.js";
import { createOrganisation, inputFromApi, linkMemberByEmail } from "../directory/index.js";
import { networkAccess } from "./access.js";
import {
  type CooperationFields,
  confirmCooperation,
  createCooperation,
  declineCooperation,
  editCooperationForm,
  endCooperation,
  getCooperation,
  listCooperations,
  listPendingConfirmations,
  newCooperationForm,
  updateCooperation,
} from "./cooperations.service.js";
import { tinyPdf } from "./demo.js";
import {
  addMeeting,
  editNetworkForm,
  getMinutes,
  getNetwork,
  getNetworkForMeeting,
  listNetworks,
  newNetworkForm,
  saveNetwork,
} from "./networks.service.js";

// Role × permission: every permission of the network module, called through the real
// service functions by nobody, a member of a partner organisation, a member of another
// organisation, an editor and an admin. Each row says who is refused and with which status.

let t: TestApp;
const actors: Record<"anonymous" | "partner" | "other" | "editor" | "admin", Actor> = {
  anonymous,
  partner: anonymous,
  other: anonymous,
  editor: anonymous,
  admin: anonymous,
};
type Who = keyof typeof actors;
const everybody = Object.keys(actors) as Who[];
const org: Record<"kita" | "school" | "vhs", string> = { kita: "", school: "", vhs: "" };

const userActor = async (role: Role): Promise<Actor & { kind: "user" }> => {
  const u = await createUserWithToken(t.platform, role);
  return { kind: "user", id: u.id, email: u.email, name: role, role, via: "token" };
};

const fields = (title: string, organisationIds = [org.kita, org.school]): CooperationFields => ({
  title,
  kind: "projekt",
  organisationIds,
  startsOn: "2024-01-01",
});

const count = async (table: "cooperations" | "networks" | "network_meetings") =>
  (await t.platform.db.kysely.selectFrom(table).select("id").execute()).length;

const table = (call: (actor: Actor, who: Who) => unknown) => roleTable(actors, call);

const admins = { anonymous: 401, partner: 403, other: 403, editor: 403, admin: "ok" };
const partners = { anonymous: 401, partner: "ok", other: 403, editor: 403, admin: "ok" };
const members = { anonymous: 401, partner: "ok", other: "ok", editor: 403, admin: "ok" };

beforeAll(async () => {
  t = await createTestApp();
  const admin = await userActor("admin");
  actors.admin = admin;
  actors.editor = await userActor("editor");
  const partner = await userActor("member");
  const other = await userActor("member");
  actors.partner = partner;
  actors.other = other;
  const make = async (name: string, kind: string, areas: string[]) =>
    (
      await createOrganisation(
        t.platform,
        admin,
        inputFromApi({ name, kind, areas, municipality: "Celle" } as Parameters<typeof inputFromApi>[0]),
      )
    ).id;
  org.kita = await make("Kita Rechte", "kita", ["fruehkindlich"]);
  org.school = await make("Grundschule Rechte", "grundschule", ["schule"]);
  org.vhs = await make("VHS Rechte", "erwachsenenbildung", ["weiterbildung"]);
  await linkMemberByEmail(t.platform, admin, org.kita, partner.email);
  await linkMemberByEmail(t.platform, admin, org.vhs, other.email);
});
afterAll(async () => t?.close());

describe("network permissions × roles", () => {
  it("covers every permission of the module", () => {
    expect([...networkAccess.permissions].sort()).toEqual(
      [
        "cooperation.confirm",
        "cooperation.create",
        "cooperation.edit",
        "cooperation.end",
        "cooperation.listPending",
        "cooperation.listUnconfirmed",
        "cooperation.see",
        "meeting.add",
        "network.create",
        "network.edit",
        "network.see",
      ].sort(),
    );
  });

  it("cooperation.create: admins and members open the form; only partners' members and admins record", async () => {
    expect(await table((actor) => newCooperationForm(t.platform, actor))).toEqual(members);
    const before = await count("cooperations");
    expect(await table((actor, who) => createCooperation(t.platform, actor, fields(`Neu ${who}`)))).toEqual(partners);
    expect(await count("cooperations")).toBe(before + 2);
    expect((await newCooperationForm(t.platform, actors.admin)).confirmsForAll).toBe(true);
    expect((await newCooperationForm(t.platform, actors.partner)).confirmsForAll).toBe(false);
  });

  it("cooperation.edit: admins and members of a partner organisation change it, nobody else", async () => {
    const c = await createCooperation(t.platform, actors.admin, fields("Ändern"));
    expect(await table((actor) => editCooperationForm(t.platform, actor, c.id))).toEqual(partners);
    expect(await table((actor, who) => updateCooperation(t.platform, actor, c.id, fields(`Geändert ${who}`)))).toEqual(
      partners,
    );
    const { cooperation } = await getCooperation(t.platform, actors.admin, c.id);
    expect(cooperation.title).toBe("Geändert admin");
    // the partner's change of title went back to the school for confirmation
    expect(cooperation.confirmed).toBe(false);
    await confirmCooperation(t.platform, actors.admin, c.id, org.school!);
    expect((await getCooperation(t.platform, actors.partner, c.id)).canEdit).toBe(true);
    expect((await getCooperation(t.platform, actors.other, c.id)).canEdit).toBe(false);
    expect((await getCooperation(t.platform, anonymous, c.id)).canEdit).toBe(false);
  });

  it("cooperation.end: admins and members of a partner organisation end it, nobody else", async () => {
    const ids: Record<string, string> = {};
    for (const who of everybody)
      ids[who] = (await createCooperation(t.platform, actors.admin, fields(`Ende ${who}`))).id;
    expect(await table((actor, who) => endCooperation(t.platform, actor, ids[who]!))).toEqual(partners);
    const status = async (who: Who) => (await getCooperation(t.platform, actors.admin, ids[who]!)).cooperation.status;
    expect(await status("other")).toBe("active");
    expect(await status("partner")).toBe("ended");
  });

  it("cooperation.see: an unconfirmed cooperation is unknown (404) to all but its partners and admins", async () => {
    const pending = await createCooperation(t.platform, actors.partner, fields("Wartet"));
    expect(pending.confirmed).toBe(false);
    expect(await table((actor) => getCooperation(t.platform, actor, pending.id))).toEqual({
      anonymous: 404,
      partner: "ok",
      other: 404,
      editor: 404,
      admin: "ok",
    });
    const confirmed = await createCooperation(t.platform, actors.admin, fields("Bestätigt"));
    expect(await table((actor) => getCooperation(t.platform, actor, confirmed.id))).toEqual({
      anonymous: "ok",
      partner: "ok",
      other: "ok",
      editor: "ok",
      admin: "ok",
    });
  });

  it("cooperation.confirm: only a member of the organisation asked (or an admin) confirms or declines", async () => {
    const asked = { anonymous: 401, partner: 403, other: "ok", editor: 403, admin: "ok" };
    const ask = async (title: string) =>
      (await createCooperation(t.platform, actors.partner, fields(title, [org.kita, org.vhs]))).id;
    const toConfirm: Record<string, string> = {};
    const toDecline: Record<string, string> = {};
    for (const who of everybody) {
      toConfirm[who] = await ask(`Bestätigen ${who}`);
      toDecline[who] = await ask(`Ablehnen ${who}`);
    }
    expect(await table((actor, who) => confirmCooperation(t.platform, actor, toConfirm[who]!, org.vhs))).toEqual(asked);
    const confirmed = async (who: Who) =>
      (await getCooperation(t.platform, actors.admin, toConfirm[who]!)).cooperation.confirmed;
    expect(await confirmed("partner")).toBe(false);
    expect(await confirmed("other")).toBe(true);
    const before = await count("cooperations");
    expect(await table((actor, who) => declineCooperation(t.platform, actor, toDecline[who]!, org.vhs))).toEqual(asked);
    expect(await count("cooperations")).toBe(before - 2);
  });

  it("cooperation.listPending: members and admins see what waits for them; the list holds only their own", async () => {
    expect(await table((actor) => listPendingConfirmations(t.platform, actor))).toEqual(members);
    const waiting = await createCooperation(t.platform, actors.partner, fields("Für die VHS", [org.kita, org.vhs]));
    const ids = async (who: Who) =>
      (await listPendingConfirmations(t.platform, actors[who])).map((p) => p.cooperation.id);
    expect(await ids("other")).toContain(waiting.id);
    expect(await ids("admin")).toContain(waiting.id);
    expect(await ids("partner")).not.toContain(waiting.id);
  });

  it("cooperation.listUnconfirmed: only admins list unconfirmed cooperations", async () => {
    const page = { limit: 500, offset: 0 };
    expect(await table((actor) => listCooperations(t.platform, actor, {}, page, { includeUnconfirmed: true }))).toEqual(
      admins,
    );
    const waiting = await createCooperation(t.platform, actors.partner, fields("Nicht öffentlich"));
    for (const who of everybody) {
      const { items } = await listCooperations(t.platform, actors[who], {}, page);
      expect(items.map((c) => c.id).includes(waiting.id), who).toBe(who === "admin");
    }
  });

  it("network.create: only admins open the form and create networks", async () => {
    expect(await table((actor) => newNetworkForm(t.platform, actor))).toEqual(admins);
    const before = await count("networks");
    expect(
      await table((actor, who) =>
        saveNetwork(t.platform, actor, { name: `Arbeitskreis ${who}`, memberIds: [org.kita], visibility: "public" }),
      ),
    ).toEqual(admins);
    expect(await count("networks")).toBe(before + 1);
    expect((await listNetworks(t.platform, actors.admin)).canCreate).toBe(true);
    expect((await listNetworks(t.platform, actors.partner)).canCreate).toBe(false);
  });

  it("network.edit: only admins change a network", async () => {
    const slug = await saveNetwork(t.platform, actors.admin, {
      name: "Zum Ändern",
      memberIds: [],
      visibility: "public",
    });
    expect(await table((actor) => editNetworkForm(t.platform, actor, slug))).toEqual(admins);
    expect(
      await table((actor, who) =>
        saveNetwork(t.platform, actor, { name: "Zum Ändern", purpose: who, memberIds: [], visibility: "public" }, slug),
      ),
    ).toEqual(admins);
    const page = await getNetwork(t.platform, actors.admin, slug);
    expect(page.network.purpose).toBe("admin");
    expect(page.canEdit).toBe(true);
    expect((await getNetwork(t.platform, actors.partner, slug)).canEdit).toBe(false);
  });

  it("network.see: internal networks and their minutes are unknown (404) to anonymous visitors", async () => {
    const slug = await saveNetwork(t.platform, actors.admin, { name: "Intern", memberIds: [], visibility: "internal" });
    await addMeeting(
      t.platform,
      actors.admin,
      slug,
      { startsAt: "2025-05-14T08:00:00.000Z" },
      { data: tinyPdf(["Intern"]), filename: "Protokoll.pdf" },
    );
    const signedIn = { anonymous: 404, partner: "ok", other: "ok", editor: "ok", admin: "ok" };
    expect(await table((actor) => getNetwork(t.platform, actor, slug))).toEqual(signedIn);
    const minutesId = (await getNetwork(t.platform, actors.admin, slug)).meetings[0]!.id;
    expect(await table((actor) => getMinutes(t.platform, actor, slug, minutesId))).toEqual(signedIn);
    const listed = async (who: Who) => (await listNetworks(t.platform, actors[who])).networks.map((n) => n.slug);
    expect(await listed("anonymous")).not.toContain(slug);
    expect(await listed("editor")).toContain(slug);
  });

  it("meeting.add: only admins add meetings, and a refused meeting stores nothing", async () => {
    const slug = await saveNetwork(t.platform, actors.admin, { name: "Treffen", memberIds: [], visibility: "public" });
    expect(await table((actor) => getNetworkForMeeting(t.platform, actor, slug))).toEqual(admins);
    const before = await count("network_meetings");
    expect(
      await table((actor) =>
        addMeeting(
          t.platform,
          actor,
          slug,
          { startsAt: "2025-06-02T15:00:00.000Z" },
          { data: tinyPdf(["Protokoll"]), filename: "Protokoll.pdf" },
        ),
      ),
    ).toEqual(admins);
    expect(await count("network_meetings")).toBe(before + 1);
    expect((await getNetwork(t.platform, actors.admin, slug)).canAddMeeting).toBe(true);
    expect((await getNetwork(t.platform, actors.partner, slug)).canAddMeeting).toBe(false);
  });
});
