import type { FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { ActorResolver, AppModule, SectionContribution, SectionSlots, SlotName } from "./module.js";
import type { NavItem } from "./views/page-context.js";

/**
 * What the modules contribute to each other, gathered once from the module list.
 * A page that owns a slot asks `renderSections(slot, input, request)` and never
 * learns which modules filled it.
 */
export class Contributions {
  readonly adminLinks: NavItem[];
  readonly actorResolvers: ActorResolver[];
  readonly #sections: SectionContribution[];

  constructor(modules: readonly AppModule[]) {
    this.adminLinks = modules.flatMap((m) => m.adminLinks ?? []).sort((a, b) => a.order - b.order);
    this.actorResolvers = modules.flatMap((m) => (m.resolveActor ? [m.resolveActor] : []));
    this.#sections = modules.flatMap((m) => m.sections ?? []).sort((a, b) => a.order - b.order);
  }

  async renderSections<K extends SlotName>(slot: K, input: SectionSlots[K], request: FastifyRequest): Promise<VNode[]> {
    const out: VNode[] = [];
    for (const s of this.#sections) {
      if (s.slot !== slot) continue;
      const node = await (s as unknown as SectionContribution<K>).render(input, request);
      if (node) out.push(node);
    }
    return out;
  }
}
