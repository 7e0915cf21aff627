import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventActors, eventActors, roleTable } from "../../../tests/helpers/access.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import { type Actor, anonymous } from "../../platform/auth/actor.js";
import { documentsAccess } from "./access.js";
import {
  deleteDocument,
  getDocumentForEdit,
  getDocumentsPage,
  getDownload,
  listEventDocuments,
  updateDocument,
  uploadDocument,
} from "./documents.service.js";
import { createFachtag, type FixtureEvent, samplePdf } from "./test-fixtures.js";

// Role × permission: every permission of the documents, called through the real service
// functions by nobody, a member, an editor of another Fachtag, the owner, an admin and a
// check-in helper. "ok" went through; a number is the refusal's status.

let t: TestApp;
let actors: EventActors;
let ev: FixtureEvent;
let draft: FixtureEvent;
let pdf: Buffer;

const table = (call: (actor: Actor) => unknown) => roleTable(actors, call);
const organisersOnly = { anonymous: 401, member: 403, otherEditor: 403, owner: "ok", admin: "ok", helper: 403 };
const input = (title: string, isPublic: boolean) => ({ kind: "documentation" as const, title, public: isPublic });
const upload = (eventId: string, title: string, isPublic: boolean) =>
  uploadDocument(t.platform, actors.admin, eventId, input(title, isPublic), { data: pdf, filename: "d.pdf" });

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT: "off" });
  actors = await eventActors(t.platform);
  const createdBy = actors.owner.kind === "user" ? actors.owner.id : null;
  ev = await createFachtag(t.platform, { createdBy });
  draft = await createFachtag(t.platform, { createdBy, status: "draft" });
  pdf = await samplePdf("Zugriff");
});
afterAll(async () => t?.close());

describe("documents permissions", () => {
  it("lists exactly one permission", () => {
    expect(documentsAccess.permissions).toEqual(["documents.manage"]);
  });

  it("documents.manage: the organiser page, upload, edit and delete are the owner's and admins'", async () => {
    expect(await table((a) => getDocumentsPage(t.platform, a, ev.id))).toEqual(organisersOnly);
    expect(
      await table((a) =>
        uploadDocument(t.platform, a, ev.id, input("Hochgeladen", true), { data: pdf, filename: "a.pdf" }),
      ),
    ).toEqual(organisersOnly);
    const doc = await upload(ev.id, "Zum Bearbeiten", true);
    expect(await table((a) => getDocumentForEdit(t.platform, a, ev.id, doc.id))).toEqual(organisersOnly);
    expect(await table((a) => updateDocument(t.platform, a, ev.id, doc.id, input("Geändert", true)))).toEqual(
      organisersOnly,
    );
    // one fresh document per caller, so that a permitted delete does not hide a later refusal
    const deletions = await table(async (a) =>
      deleteDocument(t.platform, a, ev.id, (await upload(ev.id, "Weg", true)).id),
    );
    expect(deletions).toEqual(organisersOnly);
  });

  it("internal documents are unknown (404) to all but the organisers; public ones are everybody's", async () => {
    const internal = await upload(ev.id, "Intern", false);
    const open = await upload(ev.id, "Offen", true);
    expect(await table((a) => getDownload(t.platform, a, ev.slug, internal.id))).toEqual({
      anonymous: 404,
      member: 404,
      otherEditor: 404,
      owner: "ok",
      admin: "ok",
      helper: 404,
    });
    expect(await table((a) => getDownload(t.platform, a, ev.slug, open.id))).toEqual({
      anonymous: "ok",
      member: "ok",
      otherEditor: "ok",
      owner: "ok",
      admin: "ok",
      helper: "ok",
    });
    const titles = async (a: Actor) => (await listEventDocuments(t.platform, a, ev.id)).map((d) => d.title);
    expect(await titles(anonymous)).not.toContain("Intern");
    expect(await titles(actors.otherEditor)).not.toContain("Intern");
    expect(await titles(actors.helper)).not.toContain("Intern");
    expect(await titles(actors.owner)).toContain("Intern");
  });

  it("a draft's documents, even public ones, are unknown (404) to all but its organisers", async () => {
    const doc = await upload(draft.id, "Entwurf", true);
    const hidden = { anonymous: 404, member: 404, otherEditor: 404, owner: "ok", admin: "ok", helper: 404 };
    expect(await table((a) => getDownload(t.platform, a, draft.slug, doc.id))).toEqual(hidden);
    expect(await table((a) => listEventDocuments(t.platform, a, draft.id))).toEqual(hidden);
  });
});
