// Test helper: reads calendar files the way a calendar does, property by property.

/** The properties of a calendar file, unfolded: "METHOD" → ["PUBLISH"], "UID" → [...]. */
export function parseIcs(text: string): Map<string, string[]> {
  const props = new Map<string, string[]>();
  for (const line of text.replace(/\r\n /g, "").split("\r\n")) {
    const match = /^([A-Z-]+)[;:](.*)$/.exec(line);
    if (!match) continue;
    const [, name = "", rest = ""] = match;
    const value = rest.includes(":") && line[name.length] === ";" ? rest.slice(rest.indexOf(":") + 1) : rest;
    props.set(name, [...(props.get(name) ?? []), value]);
  }
  return props;
}
