// The coordination catalogue has the same keys in Arabic, Kurmanji and English, and every literal
// "coordination.…" key the pages use exists.
import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import coordination from "~/i18n/areas/coordination";
import { createI18n } from "~/i18n";

const keysOf = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

/** A counted message's plural forms (key_one, key_few…) are one message; each language has the forms it needs. */
const messagesOf = (o: object) => [...new Set(keysOf(o).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "")))].sort();

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : []));

describe("coordination strings", () => {
  it("has the same messages in ar, ku and en, none empty", () => {
    const ar = messagesOf(coordination.ar);
    expect(messagesOf(coordination.ku)).toEqual(ar);
    expect(messagesOf(coordination.en)).toEqual(ar);
    for (const lang of ["ar", "ku", "en"] as const) {
      const i18n = createI18n(lang);
      for (const k of keysOf(coordination[lang])) expect(String(i18n.t(`coordination.${k}`)).trim(), `${lang} ${k}`).not.toBe("");
    }
  });

  it("every literal key used in the pages exists", () => {
    const files = [...sources("app/routes"), ...sources("app/components/coordination"), "app/root.tsx"];
    const used = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, "utf8").matchAll(/t\(\s*"(coordination\.[\w.]+)"/g)) used.add(m[1]!.slice("coordination.".length));
    expect(used.size).toBeGreaterThan(50);
    const known = new Set(messagesOf(coordination.ar));
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });
});
