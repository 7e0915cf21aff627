import { ForbiddenError, UnauthorizedError } from "../http/errors.js";

export const roles = ["admin", "editor", "member"] as const;
export type Role = (typeof roles)[number];

export type Actor =
  | { kind: "anonymous" }
  | { kind: "user"; id: string; email: string; name: string; role: Role; via: "session" | "token" };

export type UserActor = Extract<Actor, { kind: "user" }>;

export const anonymous: Actor = { kind: "anonymous" };

export const isUser = (actor: Actor): actor is UserActor => actor.kind === "user";

/** Every service method that changes state starts with one of these checks. */
export function requireUser(actor: Actor): UserActor {
  if (!isUser(actor)) throw new UnauthorizedError();
  return actor;
}

export function requireRole(actor: Actor, ...allowed: Role[]): UserActor {
  const user = requireUser(actor);
  if (!allowed.includes(user.role)) throw new ForbiddenError();
  return user;
}

export const hasRole = (actor: Actor, ...allowed: Role[]): boolean => isUser(actor) && allowed.includes(actor.role);
