import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../../tests/helpers/auth.js";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.js";
import type { Actor } from "../../platform/auth/actor.js";
import { DomainError, ValidationError } from "../../platform/http/errors.js";
import { type InvitationOptions, inviteUser } from "./index.js";

// The public invite function as another module uses it: naming the organisation the
// person represents, and inside the caller's own transaction ("create the account and
// link it in one step": both commit, or neither).

let t: TestApp;
let office: Actor;
beforeAll(async () => {
  t = await createTestApp();
  const admin = await createUser(t.platform, { role: "admin", name: "Bildungsbüro" });
  office = { kind: "user", id: admin.id, email: admin.email, name: "Bildungsbüro", role: "admin", via: "session" };
});
afterAll(async () => t?.close());

const userByEmail = (email: string) =>
  t.platform.db.kysely.selectFrom("users").select(["id", "role"]).where("email", "=", email).executeTakeFirst();
const mailsTo = (email: string) =>
  t.platform.db.kysely.selectFrom("outbox").select(["subject", "text_body"]).where("to_address", "=", email).execute();

/** Stands for the caller's own change in the same transaction (the directory's link row). */
class CallerFailed extends Error {}

describe("inviting from another module", () => {
  it("names the organisation in the invitation", async () => {
    const options: InvitationOptions = { organisationName: "Kita Am Mühlenbach (fiktiv)" };
    await inviteUser(
      t.platform,
      office,
      { name: "Mia Mühlenbach", email: "Mia@Kita-Muehlenbach.example", role: "member" },
      options,
    );
    const [mail] = await mailsTo("mia@kita-muehlenbach.example");
    expect(mail?.text_body).toContain(
      "für Sie wurde ein Konto im Bildungsnetz Landkreis Celle angelegt, mit dem Sie „Kita Am Mühlenbach (fiktiv)“ vertreten (Rolle: Mitglied",
    );
    // Without an organisation the sentence reads as before.
    await inviteUser(t.platform, office, { name: "Ohne Org", email: "ohne-org@test.example", role: "editor" });
    const [plain] = await mailsTo("ohne-org@test.example");
    expect(plain?.text_body).toContain("angelegt (Rolle: Redaktion");
  });

  it("commits with the caller's transaction, and leaves nothing behind when the caller rolls back", async () => {
    const { kysely } = t.platform.db;
    await expect(
      kysely.transaction().execute(async (trx) => {
        await inviteUser(
          t.platform,
          office,
          { name: "Rolf Rückgängig", email: "rolf@test.example", role: "member" },
          { organisationName: "VHS Celle (fiktiv)", db: trx },
        );
        expect(
          await trx.selectFrom("users").select("id").where("email", "=", "rolf@test.example").execute(),
        ).toHaveLength(1);
        throw new CallerFailed("the caller's own step failed");
      }),
    ).rejects.toBeInstanceOf(CallerFailed);
    expect(await userByEmail("rolf@test.example")).toBeUndefined();
    expect(await mailsTo("rolf@test.example")).toHaveLength(0);

    const id = await kysely.transaction().execute(async (trx) => {
      const invited = await inviteUser(
        t.platform,
        office,
        { name: "Clara Commit", email: "clara@test.example", role: "member" },
        { organisationName: "VHS Celle (fiktiv)", db: trx },
      );
      return invited.id;
    });
    expect(await userByEmail("clara@test.example")).toEqual({ id, role: "member" });
    const [mail] = await mailsTo("clara@test.example");
    expect(mail?.text_body).toContain("„VHS Celle (fiktiv)“");
  });

  it("refuses a taken address inside the transaction with 409, and bad input like the form", async () => {
    const taken = await createUser(t.platform, { role: "member" });
    const conflict = await t.platform.db.kysely
      .transaction()
      .execute((trx) =>
        inviteUser(t.platform, office, { name: "Doppelt", email: taken.email, role: "member" }, { db: trx }),
      )
      .catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(DomainError);
    expect((conflict as DomainError).status).toBe(409);

    const bad = await inviteUser(
      t.platform,
      office,
      { name: " ", email: "keine-adresse", role: "member" },
      { organisationName: "x".repeat(301) },
    ).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fieldErrors).toMatchObject({
      name: "validation.required",
      email: "validation.email",
    });
    const badOrg = await inviteUser(
      t.platform,
      office,
      { name: "Gut", email: "gut@test.example", role: "member" },
      { organisationName: "x".repeat(301) },
    ).catch((error: unknown) => error);
    expect((badOrg as ValidationError).fieldErrors).toMatchObject({ organisationName: "validation.tooLong|max=300" });
    expect(await userByEmail("gut@test.example")).toBeUndefined();
  });

  it("checks the permission before anything is written, also inside a transaction", async () => {
    const editor = await createUser(t.platform, { role: "editor" });
    const actor: Actor = {
      kind: "user",
      id: editor.id,
      email: editor.email,
      name: "E",
      role: "editor",
      via: "session",
    };
    const refused = await t.platform.db.kysely
      .transaction()
      .execute((trx) =>
        inviteUser(t.platform, actor, { name: "Heimlich", email: "heimlich@test.example", role: "admin" }, { db: trx }),
      )
      .catch((error: unknown) => error);
    expect((refused as DomainError).status).toBe(403);
    expect(await userByEmail("heimlich@test.example")).toBeUndefined();
  });
});
