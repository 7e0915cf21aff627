import { defineAccess } from "../../platform/auth/access.js";

// Searching is public: the index holds only what everybody may see. Rebuilding it reads
// every source and takes a while: administrators only (and the CLI, which runs on the server).

export const searchAccess = defineAccess<{
  "search.rebuild": undefined;
}>({
  "search.rebuild": (actor) => actor.kind === "user" && actor.role === "admin",
});
