/**
 * A Fachtag for a registration rush, created through the contract API as an editor's
 * integration would: published, 60 days ahead, `capacity` places and `workshops` parallel
 * workshops of `workshopCapacity` places in one slot. Used by the rush benchmarks and the
 * resilience tests.
 */
export async function createRushFachtag(
  baseUrl: string,
  authorization: string,
  options: { title: string; capacity: number; workshops: number; workshopCapacity: number; confirmByEmail: boolean },
): Promise<{ id: string; workshopIds: string[] }> {
  const headers = { authorization, "content-type": "application/json" };
  const day = new Date(Date.now() + 60 * 24 * 3600_000);
  day.setUTCHours(8, 0, 0, 0);
  const at = (h: number) => new Date(day.getTime() + h * 3600_000).toISOString();
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  const id = await post("/api/v1/events", {
    title: options.title,
    startsAt: at(0),
    endsAt: at(7),
    venue: { name: "Neuer Kreistagssaal", address: "Trift 26, 29221 Celle" },
    capacity: options.capacity,
    confirmByEmail: options.confirmByEmail,
    status: "published",
  });
  const workshopIds: string[] = [];
  for (let i = 0; i < options.workshops; i++) {
    workshopIds.push(
      await post(`/api/v1/events/${id}/sessions`, {
        kind: "workshop",
        title: `Workshop ${i + 1}`,
        startsAt: at(2),
        endsAt: at(3.5),
        capacity: options.workshopCapacity,
      }),
    );
  }
  return { id, workshopIds };
}
