import { defineAccess } from "../../platform/auth/access.js";

// Data subject requests are the data protection office's work: admins only. They see and
// remove everything about one person, across every Fachtag and the whole Austausch.

export const privacyAccess = defineAccess<{
  /** See what is kept about a person and download it (Art. 15). */
  "person.export": undefined;
  /** Delete or anonymise a person (Art. 17). */
  "person.erase": undefined;
}>({
  "person.export": (actor) => actor.kind === "user" && actor.role === "admin",
  "person.erase": (actor) => actor.kind === "user" && actor.role === "admin",
});
