import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { auditKinds } from "../../platform/audit.js";
import { pageParam, pageSlice, parseQuery } from "../../platform/http/forms.js";
import type { Platform } from "../../platform/platform.js";
import { auditLog } from "./audit.service.js";
import { AuditPage } from "./views/audit-page.js";

const PAGE_SIZE = 50;
const auditQuery = z.object({ seite: pageParam, art: z.enum(auditKinds).optional().catch(undefined) });

export function retentionRoutes(app: FastifyInstance, platform: Platform): void {
  app.get("/verwaltung/protokoll", async (request, reply) => {
    const q = parseQuery(auditQuery, request.query);
    const first = pageSlice(Number.MAX_SAFE_INTEGER, q.seite, PAGE_SIZE);
    const log = await auditLog(platform, request.actor, { limit: PAGE_SIZE, offset: first.offset }, q.art);
    const { pageCount } = pageSlice(log.total, q.seite, PAGE_SIZE);
    return reply.page({
      title: request.t("retention.audit.title"),
      body: <AuditPage log={log} page={Math.min(q.seite, pageCount)} pageCount={pageCount} kind={q.art} />,
    });
  });
}
