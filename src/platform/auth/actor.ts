export const roles = ["admin", "editor", "member"] as const;
export type Role = (typeof roles)[number];

export type Actor =
  | { kind: "anonymous" }
  | { kind: "user"; id: string; email: string; name: string; role: Role; via: "session" | "token" };

export type UserActor = Extract<Actor, { kind: "user" }>;

export const anonymous: Actor = { kind: "anonymous" };

export const isUser = (actor: Actor): actor is UserActor => actor.kind === "user";
