import type { FastifyRequest } from "fastify";
import { type Actor, anonymous } from "./actor.js";

// Interim: replaced by the Better Auth session / API token lookup (accounts work in progress).
export async function resolveActor(_request: FastifyRequest): Promise<Actor> {
  return anonymous;
}
