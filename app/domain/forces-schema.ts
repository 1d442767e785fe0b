// Request and response shapes of the forces directory: the zod schemas that validate the JSON API,
// the forms (after app/http/force-form.ts turns FormData into an object) and that document the API
// (app/openapi/areas/invitations.server.ts). No server imports: safe anywhere.
import { z } from "zod";
import { stripInvisible } from "~/domain/arabic";
import { invitationStatuses } from "./invitation-status";

import { forceKinds, regions } from "./force-enums";

export { forceKinds, regions };

export const ForceKindSchema = z.enum(forceKinds);
export const RegionSchema = z.enum(regions);
export const InvitationStatusSchema = z.enum(invitationStatuses);

/** A name or free text: invisible and bidi control characters removed (stripInvisible), then trimmed. */
const text = () => z.string().overwrite(stripInvisible).trim();
const optionalText = (max: number) => text().max(max).nullish();

export const ContactInputSchema = z.object({
  /** Present when editing an existing contact (outreach entries point at it, so it is updated in place). */
  id: z.string().min(1).max(40).nullish(),
  name: text().min(1).max(200),
  role: optionalText(200),
  phone: z
    .string()
    .trim()
    .max(50)
    .regex(/^[0-9+()\-.\s\u0660-\u0669\u06F0-\u06F9]*$/, "digits, spaces and + ( ) - . only")
    .nullish(),
  email: z.union([z.literal(""), z.email().max(200)]).nullish(),
  messaging: optionalText(200),
  /** The language letters to this contact are written in (ADR 0052); Arabic unless told. */
  locale: z.enum(["ar", "ku", "en"]).nullish(),
});
export type ContactInput = z.infer<typeof ContactInputSchema>;

export const ForceInputSchema = z.object({
  kind: ForceKindSchema,
  nameAr: text().min(1).max(200),
  nameKu: optionalText(200),
  nameEn: optionalText(200),
  region: RegionSchema,
  country: optionalText(120),
  city: optionalText(120),
  isMember: z.boolean().default(false),
  isOfficial: z.boolean().default(true),
  tags: z.array(text().min(1).max(60)).max(30).default([]),
  notes: optionalText(5000),
  contacts: z.array(ContactInputSchema).max(20).default([]),
});
export type ForceInput = z.input<typeof ForceInputSchema>;

export const ForceCreateSchema = ForceInputSchema.extend({
  /** The directory warns about a name that folds to an existing one; set to create it anyway. */
  allowDuplicate: z.boolean().optional(),
});
export const ForceUpdateSchema = ForceInputSchema.extend({
  version: z.number().int().min(1),
  allowDuplicate: z.boolean().optional(),
});

export const boolParam = z.enum(["true", "false"]).transform((v) => v === "true");

/**
 * Whose names a name sort follows: Arabic (the default), or English / Kurdish as the tables show them,
 * falling back the same way (Kurdish → English → Arabic); forces without that name come after, by Arabic.
 */
export const NameOrderSchema = z.enum(["ar", "ku", "en"]).default("ar");
export type NameOrder = z.infer<typeof NameOrderSchema>;

/** The name columns a name sort goes by, in order; all but the last sort their missing names last. */
export function nameColumns(names: NameOrder): ("nameKu" | "nameEn" | "nameAr")[] {
  return names === "ku" ? ["nameKu", "nameEn", "nameAr"] : names === "en" ? ["nameEn", "nameAr"] : ["nameAr"];
}

/** The search and filters the forces and invitations tables share (query string, same in pages and API). */
export const ForceFilterSchema = z.object({
  q: z.string().trim().max(200).optional(),
  kind: ForceKindSchema.optional(),
  region: RegionSchema.optional(),
  member: boolParam.optional(),
  official: boolParam.optional(),
  tag: z.string().trim().max(60).optional(),
});

/** Direction, name order and paging of a forces-like table; a page holds at most `maxPageSize` rows. */
export const tableOrderAndPage = (maxPageSize: number) => ({
  dir: z.enum(["asc", "desc"]).default("asc"),
  names: NameOrderSchema,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(maxPageSize).default(50),
});

/** Filters, search, sorting and paging of the forces table (query string, same in pages and API). */
export const ForceQuerySchema = ForceFilterSchema.extend({
  /** An invitation status, or NONE for forces without an invitation. */
  status: z.union([InvitationStatusSchema, z.literal("NONE")]).optional(),
  archived: z.enum(["exclude", "include", "only"]).default("exclude"),
  sort: z.enum(["name", "kind", "region", "updated", "created"]).default("name"),
  ...tableOrderAndPage(200),
});
export type ForceQuery = z.infer<typeof ForceQuerySchema>;

export const ContactSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  messaging: z.string().nullable(),
  locale: z.enum(["ar", "ku", "en"]),
});

export const ForceSchema = z.object({
  id: z.string(),
  conferenceId: z.string(),
  kind: ForceKindSchema,
  nameAr: z.string(),
  nameKu: z.string().nullable(),
  nameEn: z.string().nullable(),
  region: RegionSchema,
  country: z.string().nullable(),
  city: z.string().nullable(),
  isMember: z.boolean(),
  isOfficial: z.boolean(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  version: z.number().int(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  contacts: z.array(ContactSchema),
  invitation: z.object({ id: z.string(), status: InvitationStatusSchema, version: z.number().int() }).nullable(),
});

export const PageSchema = z.object({ page: z.number().int(), pageSize: z.number().int(), total: z.number().int(), pages: z.number().int() });
