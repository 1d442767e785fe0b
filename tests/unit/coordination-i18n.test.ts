// The coordination catalogue has the same keys in Arabic, Kurmanji and English, and every literal
// "coordination.…" key the pages use exists.
import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import coordination from "~/i18n/areas/coordination";
import { createI18n } from "~/i18n";

const keysOf = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : []));

describe("coordination strings", () => {
  it("has the same keys in ar, ku and en, none empty", () => {
    const ar = keysOf(coordination.ar).sort();
    expect(keysOf(coordination.ku).sort()).toEqual(ar);
    expect(keysOf(coordination.en).sort()).toEqual(ar);
    for (const lang of ["ar", "ku", "en"] as const) {
      const i18n = createI18n(lang);
      for (const k of ar) expect(String(i18n.t(`coordination.${k}`)).trim(), `${lang} ${k}`).not.toBe("");
    }
  });

  it("every literal key used in the pages exists", () => {
    const files = [...sources("app/routes"), ...sources("app/components/coordination"), "app/root.tsx"];
    const used = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, "utf8").matchAll(/t\(\s*"(coordination\.[\w.]+)"/g)) used.add(m[1]!.slice("coordination.".length));
    expect(used.size).toBeGreaterThan(50);
    const known = new Set(keysOf(coordination.ar));
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });
});
