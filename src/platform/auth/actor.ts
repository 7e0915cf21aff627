/** "checkin": a helper at the entrance of a Fachtag, who may only check people in (and register walk-ins). */
export const roles = ["admin", "editor", "member", "checkin"] as const;
export type Role = (typeof roles)[number];

export type Actor =
  | { kind: "anonymous" }
  | { kind: "user"; id: string; email: string; name: string; role: Role; via: "session" | "token" };

export type UserActor = Extract<Actor, { kind: "user" }>;

export const anonymous: Actor = { kind: "anonymous" };

export const isUser = (actor: Actor): actor is UserActor => actor.kind === "user";
