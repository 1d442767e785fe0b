// Request and response shapes of the invitation pipeline (API, forms, OpenAPI). No server imports.
import { z } from "zod";
import { stripInvisible } from "~/domain/arabic";
import { boolParam, ForceFilterSchema, ForceKindSchema, InvitationStatusSchema, RegionSchema, tableOrderAndPage } from "./forces-schema";

const note = z.string().trim().max(2000).nullish();
/** A calendar date (YYYY-MM-DD) or a full ISO timestamp; stored as a timestamp (for a date: the end of that day in the office's time zone, TAWAFUQ_TIME_ZONE). */
const deadline = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).nullish();

export const TransitionSchema = z.object({
  to: InvitationStatusSchema,
  note,
  /** The version the caller saw; a stale one is refused with 409 stale_version. */
  version: z.number().int().min(1),
});
export type TransitionInput = z.infer<typeof TransitionSchema>;

export const BulkTransitionSchema = z.object({
  to: InvitationStatusSchema,
  note,
  /** Each row with the version the caller saw; without a version the row is checked against its current state. */
  items: z
    .array(z.object({ id: z.string().min(1).max(40), version: z.number().int().min(1).optional() }))
    .min(1)
    .max(1000),
});
export type BulkTransitionInput = z.infer<typeof BulkTransitionSchema>;

export const InvitationCreateSchema = z.object({
  forceId: z.string().min(1).max(40),
  seatQuota: z.number().int().min(0).max(200).default(1),
  confirmationDeadline: deadline,
  note,
});

export const InvitationTermsSchema = z.object({
  version: z.number().int().min(1),
  seatQuota: z.number().int().min(0).max(200).optional(),
  confirmationDeadline: deadline,
  note,
});

export const DelegationMemberInputSchema = z.object({
  name: z.string().overwrite(stripInvisible).trim().min(1).max(200),
  role: z.string().trim().max(200).nullish(),
  contact: z.string().trim().max(300).nullish(),
  isSubstitute: z.boolean().default(false),
  travelNeeds: z.string().trim().max(2000).nullish(),
  needsVisa: z.boolean().default(false),
  consentToPublish: z.boolean().default(false),
});
export const DelegationMemberChangeSchema = DelegationMemberInputSchema.extend({ version: z.number().int().min(1) });

/** Same filters as the forces table, plus status and "needs attention". */
export const InvitationQuerySchema = ForceFilterSchema.extend({
  status: InvitationStatusSchema.optional(),
  attention: boolParam.optional(),
  sort: z.enum(["name", "status", "kind", "region", "deadline", "updated"]).default("name"),
  ...tableOrderAndPage(500),
});
export type InvitationQuery = z.infer<typeof InvitationQuerySchema>;

export const InvitationForceSchema = z.object({
  id: z.string(),
  nameAr: z.string(),
  nameKu: z.string().nullable(),
  nameEn: z.string().nullable(),
  kind: ForceKindSchema,
  region: RegionSchema,
  country: z.string().nullable(),
  city: z.string().nullable(),
  isMember: z.boolean(),
  archived: z.boolean(),
});

export const InvitationSchema = z.object({
  id: z.string(),
  conferenceId: z.string(),
  forceId: z.string(),
  status: InvitationStatusSchema,
  version: z.number().int(),
  seatQuota: z.number().int(),
  confirmationDeadline: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  force: InvitationForceSchema,
  namedDelegates: z.number().int(),
  substitutes: z.number().int(),
  /** Statuses this invitation may move to now (the graph, ADR 0020). */
  allowedNext: z.array(InvitationStatusSchema),
});

export const InvitationEventSchema = z.object({
  id: z.string(),
  kind: z.enum(["CREATED", "STATUS", "TERMS", "DELEGATION"]),
  fromStatus: InvitationStatusSchema.nullable(),
  toStatus: InvitationStatusSchema,
  note: z.string().nullable(),
  data: z.unknown().nullable(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});

export const DelegationMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  contact: z.string().nullable(),
  isSubstitute: z.boolean(),
  travelNeeds: z.string().nullable(),
  needsVisa: z.boolean(),
  consentToPublish: z.boolean(),
});

export const InvitationDetailSchema = InvitationSchema.extend({
  events: z.array(InvitationEventSchema),
  delegates: z.array(DelegationMemberSchema),
  /** False when the caller sees only the delegates who consented to publication (observers). */
  delegationVisible: z.boolean(),
});

export const BulkResultSchema = z.object({
  changed: z.array(z.object({ id: z.string(), from: InvitationStatusSchema, to: InvitationStatusSchema, version: z.number().int() })),
  refused: z.array(z.object({ id: z.string(), code: z.string(), message: z.string(), from: InvitationStatusSchema.nullable() })),
});

export const attentionReasons = ["deadline_passed", "no_delegates", "over_quota"] as const;
export type AttentionReason = (typeof attentionReasons)[number];
