import type { FastifyReply } from "fastify";
import type { VNode } from "preact";
import { assetVersion } from "../../platform/views/layout.js";

/**
 * The directory's own assets carry their own version: raise it when directory.css or
 * directory-map.js change, so browsers holding the old file for a year fetch the new one.
 */
const directoryAssetVersion = `${assetVersion}.2`;

export const directoryStyles = [`/assets/directory.css?v=${directoryAssetVersion}`];
export const mapStyles = [`/assets/leaflet/leaflet.css?v=${assetVersion}`, ...directoryStyles];
export const mapScripts = [`/assets/directory-map.js?v=${directoryAssetVersion}`];

/** A directory page: the directory's style sheet unless others are given. */
export const page = (
  reply: FastifyReply,
  title: string,
  body: VNode,
  options: { status?: number; styles?: string[]; scripts?: string[] } = {},
) => reply.page({ title, body, styles: options.styles ?? directoryStyles, ...options });
