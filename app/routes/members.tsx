import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { IntentButton, IntentForm } from "~/components/ui/actions";
import { Section } from "~/components/ui/page";
import { DataTable } from "~/components/ui/table";
import { ActionResult, type ActionResultData } from "~/components/account/ActionResult";
import { clientIp } from "~/http/request.server";
import { z } from "zod";
import { requireMember } from "~/context.server";
import { eraseMember, erasureTarget } from "~/domain/erasure.server";
import { EraseConfirm, type EraseConfirmation } from "~/components/erase-confirm";
import { addMember, disableAccount, listMembers, removeMember, renewAccountSetup, setRole } from "~/domain/members.server";
import { roles } from "~/policy";
import { createDelegateLink, revokeDelegateLink } from "~/domain/accounts.server";
import { DomainError } from "~/domain/errors";
import { ChoiceSelect, TextField } from "~/components/ui/fields";
import { pageTitle } from "~/i18n/meta";
import { nameOf, type NamedRow } from "~/i18n/reader";

export const meta = pageTitle("members.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "member.manage");
  const { prisma } = context.services;
  const [members, forces, links] = await Promise.all([
    listMembers(prisma, user, conference.id),
    prisma.force.findMany({ where: { conferenceId: conference.id, archivedAt: null }, select: { id: true, nameAr: true, nameEn: true, nameKu: true }, orderBy: { nameAr: "asc" } }),
    prisma.delegateLink.findMany({ where: { conferenceId: conference.id }, orderBy: { createdAt: "desc" }, take: 50, include: { force: { select: { nameAr: true } } } }),
  ]);
  return json({ members, forces, links: links.map(({ tokenHash: _, ...l }) => l), now: new Date().toISOString(), me: user.id });
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), email: z.email().max(320), name: z.string().trim().max(200).default(""), role: z.enum(roles as [string, ...string[]]), forceId: z.string().max(64).optional() }),
  z.object({ intent: z.literal("role"), membershipId: z.string().min(1), role: z.enum(roles as [string, ...string[]]), forceId: z.string().optional() }),
  z.object({ intent: z.literal("remove"), membershipId: z.string().min(1) }),
  z.object({ intent: z.literal("link"), forceId: z.string().min(1), personName: z.string().trim().min(1).max(200), email: z.string().optional(), days: z.coerce.number().int().min(1).max(90).default(14) }),
  z.object({ intent: z.literal("revoke-link"), linkId: z.string().min(1) }),
  z.object({ intent: z.literal("setup-link"), membershipId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("disable"), membershipId: z.string().min(1).max(100) }),
  z.object({ intent: z.literal("erase"), userId: z.string().min(1).max(64), confirm: z.literal("yes").optional() }),
]);

type ActionResult = ActionResultData & { confirmErase?: EraseConfirmation };
const errorKeys = { conflict: 1, not_found: 1, bad_request: 1, gone: 1 };

export async function action({ request, context }: ActionFunctionArgs) {
  const { conference, user } = await requireMember(request, context, "member.manage");
  const { prisma } = context.services;
  const raw = Object.fromEntries(await request.formData());
  // Empty optional fields arrive as "" from plain HTML forms.
  for (const k of Object.keys(raw)) if (raw[k] === "") delete raw[k];
  const parsed = Intent.safeParse(raw);
  if (!parsed.success) return json<ActionResult>({ error: "errors.invalid" }, { status: 400 });
  const input = parsed.data;
  const base = { conferenceId: conference.id };
  const meta = { ip: clientIp(request) };
  try {
    switch (input.intent) {
      case "add": {
        const { setupToken } = await addMember(prisma, user, { ...base, email: input.email, name: input.name, role: input.role as never, forceId: input.forceId }, meta);
        // A new account gets a link to choose its own password; an existing one is added as it is.
        return setupToken
          ? json<ActionResult>({ ok: "members.addedNew", secret: `${new URL(request.url).origin}/welcome/${setupToken}` })
          : json<ActionResult>({ ok: "members.added" });
      }
      case "setup-link": {
        const token = await renewAccountSetup(prisma, user, { ...base, membershipId: input.membershipId }, meta);
        return json<ActionResult>({ ok: "members.setupLink", secret: `${new URL(request.url).origin}/welcome/${token}` });
      }
      case "role": {
        const m = await setRole(prisma, user, { ...base, membershipId: input.membershipId, role: input.role as never, forceId: input.forceId }, meta);
        context.services.access?.changed([m.userId]);
        return json<ActionResult>({ ok: "members.updated" });
      }
      case "remove": {
        const { userId } = await removeMember(prisma, user, { ...base, membershipId: input.membershipId }, meta);
        context.services.access?.changed([userId]);
        return json<ActionResult>({ ok: "members.removed" });
      }
      case "link": {
        const { token } = await createDelegateLink(prisma, user, { conferenceId: conference.id, forceId: input.forceId, personName: input.personName, email: input.email, days: input.days }, meta);
        return json<ActionResult>({ ok: "members.linkCreated", secret: `${new URL(request.url).origin}/link/${token}` });
      }
      case "revoke-link":
        await revokeDelegateLink(prisma, user, { conferenceId: conference.id, id: input.linkId }, meta);
        return json<ActionResult>({ ok: "members.revoked" });
      case "disable": {
        const { userId } = await disableAccount(prisma, user, { conferenceId: conference.id, membershipId: input.membershipId }, meta);
        context.services.access?.changed([userId]);
        return json<ActionResult>({ ok: "sessions.members.disabled" });
      }
      case "erase": {
        // The button only asks: the confirmation names who goes, and its own button erases.
        if (input.confirm !== "yes") {
          const who = await erasureTarget(prisma, user, conference.id, "member", input.userId);
          return json<ActionResult>({ confirmErase: { name: who.name, details: who.details, fields: { intent: "erase", userId: who.id } } });
        }
        await eraseMember(prisma, user, conference.id, input.userId, meta);
        context.services.access?.changed([input.userId]);
        return json<ActionResult>({ ok: "erasure.erased" });
      }
    }
  } catch (err) {
    if (err instanceof DomainError) {
      const reason = err.details?.reason;
      const key = reason === "lastOrganizer" || reason === "forceRequired" || reason === "hasPassword" ? `members.${reason}` : disableErrorKey(input.intent, err);
      return json<ActionResult>({ error: key ?? `errors.${err.code in errorKeys ? err.code : "bad_request"}` }, { status: err.status });
    }
    throw err;
  }
}

export default function Members() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const forceName = (f: NamedRow) => nameOf(i18n.language, f);
  const linkState = (l: (typeof data.links)[number]) =>
    l.usedAt ? "members.used" : l.revokedAt ? "members.revoked" : l.expiresAt < data.now ? "members.expired" : "members.active";
  // In a row the selects have no visible label: they are named for the member (axe: select-name), and
  // sit in their own columns, tied to the row's form by its id (a form cannot span table cells).
  const roleSelect = (name: string, value?: string, row?: { form: string; label: string }) => (
    <select name={name} defaultValue={value} className="field w-auto" form={row?.form} aria-label={row?.label}>
      {roles.map((r) => (
        <option key={r} value={r}>
          {t(`roles.${r}`)}
        </option>
      ))}
    </select>
  );
  const forceChoices = data.forces.map((f) => ({ value: f.id, label: forceName(f) }));
  const forceSelect = (value?: string | null, row?: { form: string; label: string }) => (
    <ChoiceSelect name="forceId" value={value} empty={t("members.none")} choices={forceChoices} className="field w-auto" form={row?.form} label={row?.label} />
  );
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("members.title")}</h1>
      <p>
        <Link to="/members/security" className="underline">
          {t("members.security")}
        </Link>
        {" · "}
        <Link to="/audit" className="underline" data-testid="audit-link">
          {t("audit.nav")}
        </Link>
        {" · "}
        <Link to="/backup" className="underline">
          {t("backup.title")}
        </Link>
      </p>
      <ActionResult result={result} testId="members" />
      {result?.confirmErase ? <EraseConfirm confirmation={result.confirmErase} cancelTo="/members" /> : null}

      <section className="card overflow-x-auto">
        <DataTable columns={[t("members.name"), t("members.email"), t("members.role"), t("members.force"), null]}>
          {data.members.map((m) => (
            <tr key={m.id}>
              <td>{m.user.name}</td>
              <td dir="ltr">{m.user.email}</td>
              <td>
                <Form method="post" id={`role-${m.id}`} className="flex flex-wrap gap-2">
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="membershipId" value={m.id} />
                  {roleSelect("role", m.role, { form: `role-${m.id}`, label: t("members.roleOf", { name: m.user.name }) })}
                </Form>
              </td>
              <td>
                <div className="flex flex-wrap gap-2">
                  {forceSelect(m.forceId, { form: `role-${m.id}`, label: t("members.forceOf", { name: m.user.name }) })}
                  <button className="btn-quiet" type="submit" form={`role-${m.id}`}>
                    {t("members.setRole")}
                  </button>
                </div>
              </td>
              <td>
                {/* One does not remove oneself here (another organizer can). */}
                {m.user.id !== data.me ? <IntentButton intent="remove" values={{ membershipId: m.id }} label={t("members.remove")} /> : null}
                {!m.user.hasPassword ? <IntentButton intent="setup-link" values={{ membershipId: m.id }} label={t("members.newSetupLink")} /> : null}
                {m.user.disabledAt ? (
                  <span className="text-sm text-stone-600">{t("sessions.members.isDisabled")}</span>
                ) : (
                  <IntentButton intent="disable" values={{ membershipId: m.id }} label={t("sessions.members.disable")} />
                )}
                {m.user.id !== data.me ? (
                  <IntentButton intent="erase" values={{ userId: m.user.id }} label={t("erasure.erase")} />
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>

      <Section title={t("members.add")}>
        <IntentForm key={data.members.map((m) => m.id).join()} intent="add" label={t("members.add")} className="btn" formClassName="flex flex-wrap items-end gap-3">
          <TextField name="name" label={t("members.name")} testId="member-name" />
          <TextField name="email" label={t("members.email")} type="email" dir="ltr" required testId="member-email" />
          <label>
            {t("members.role")}
            {roleSelect("role", "COMMITTEE")}
          </label>
          <label>
            {t("members.force")}
            {forceSelect()}
          </label>
        </IntentForm>
      </Section>

      <Section title={t("members.links")}>
        <IntentForm intent="link" label={t("members.newLink")} className="btn" formClassName="flex flex-wrap items-end gap-3">
          <label>
            {t("members.force")}
            <ChoiceSelect name="forceId" required choices={forceChoices} />
          </label>
          <TextField name="personName" label={t("members.person")} required testId="link-person" />
          <TextField name="email" label={t("members.email")} type="email" dir="ltr" testId="link-email" />
          <TextField name="days" label={t("members.days")} type="number" min={1} max={90} defaultValue={14} className="field mt-1 w-24" testId="link-days" />
        </IntentForm>
        <DataTable columns={[t("members.person"), t("members.force"), t("members.expires"), t("members.state"), null]}>
          {data.links.map((l) => (
            <tr key={l.id}>
              <td>{l.personName}</td>
              <td>{l.force.nameAr}</td>
              <td dir="ltr">{l.expiresAt.slice(0, 10)}</td>
              <td>{t(linkState(l))}</td>
              <td>
                {linkState(l) === "members.active" ? (
                  <IntentButton intent="revoke-link" values={{ linkId: l.id }} label={t("members.revoke")} />
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      </Section>

    </div>
  );
}

/** Why disabling an account was refused, in the catalogue's words. */
function disableErrorKey(intent: string, err: DomainError): string | null {
  if (intent !== "disable") return null;
  if (err.details?.reason === "notSelf") return "sessions.members.notSelf";
  return err.code === "forbidden" ? "sessions.members.otherConferences" : null;
}
