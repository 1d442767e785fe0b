// Turns the force form's fields into the shape ForceInputSchema validates (no JavaScript needed:
// contacts are numbered rows, a row without a name is dropped, tags are comma-separated).
import type { ForceInput } from "~/domain/forces-schema";

/** What the form sent; the schema refuses anything but ar, ku or en. */
type ContactLocale = NonNullable<ForceInput["contacts"]>[number]["locale"];

const str = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" ? v : "";
};

export function forceInputFromForm(f: FormData): ForceInput {
  const contacts: NonNullable<ForceInput["contacts"]> = [];
  for (let i = 0; i < 30; i++) {
    if (!f.has(`contacts.${i}.name`)) continue;
    const c = {
      id: str(f, `contacts.${i}.id`) || null,
      name: str(f, `contacts.${i}.name`),
      role: str(f, `contacts.${i}.role`),
      phone: str(f, `contacts.${i}.phone`),
      email: str(f, `contacts.${i}.email`),
      messaging: str(f, `contacts.${i}.messaging`),
      locale: (str(f, `contacts.${i}.locale`) || null) as ContactLocale,
    };
    if (!c.name.trim() && !c.role.trim() && !c.phone.trim() && !c.email.trim() && !c.messaging.trim()) continue;
    contacts.push(c);
  }
  return {
    kind: str(f, "kind") as ForceInput["kind"],
    nameAr: str(f, "nameAr"),
    nameKu: str(f, "nameKu"),
    nameEn: str(f, "nameEn"),
    region: str(f, "region") as ForceInput["region"],
    country: str(f, "country"),
    city: str(f, "city"),
    isMember: f.get("isMember") === "on",
    isOfficial: f.get("isOfficial") === "on",
    tags: str(f, "tags")
      .split(/[,،;]/)
      .map((t) => t.trim())
      .filter(Boolean),
    notes: str(f, "notes"),
    contacts,
  };
}
