import type { FastifyReply } from "fastify";
import type { VNode } from "preact";
import { assetVersion } from "../../platform/views/layout.js";

export const directoryStyles = [`/assets/directory.css?v=${assetVersion}`];

/** A directory page: the directory's style sheet unless others are given. */
export const page = (
  reply: FastifyReply,
  title: string,
  body: VNode,
  options: { status?: number; styles?: string[]; scripts?: string[] } = {},
) => reply.page({ title, body, styles: options.styles ?? directoryStyles, ...options });
