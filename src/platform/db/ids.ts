import { randomBytes, randomUUID } from "node:crypto";

/** Primary keys are random UUIDs: safe to show in URLs and to create on several instances. */
export const newId = (): string => randomUUID();

/** An unguessable token for links sent by e-mail (manage links, confirmations). */
export const newToken = (bytes = 24): string => randomBytes(bytes).toString("base64url");
