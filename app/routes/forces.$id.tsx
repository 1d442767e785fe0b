import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { getForce, setForceArchived, updateForce } from "~/domain/forces.server";
import { createInvitation } from "~/domain/invitations.server";
import { asHttp, formInt, formString, pageAction } from "~/http/page.server";
import { failureOf } from "~/http/page-error";
import { eraseContact, erasureTarget } from "~/domain/erasure.server";
import { EraseConfirm } from "~/components/erase-confirm";
import { clientIp, commandMeta } from "~/http/request.server";
import { forceInputFromForm } from "~/http/force-form";
import { may } from "~/policy";
import { DuplicateWarning, ForceForm, type Duplicate } from "~/components/invitations/ForceForm";
import { ActionErrorMessage, PipelineTabs, StatusBadge, forceName } from "~/components/invitations/ui";
import { pageParams } from "~/domain/query-params";
import { z } from "zod";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("titles.force");

/** A refused change (409: stale or illegal) reloads the data too, so the loser sees the current state. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "force.read");
  // Only the notice the page shows after its own redirect (ADR 0033).
  pageParams(request, { created: z.literal("1").optional() });
  const force = await getForce(context.services.prisma, user, conference.id, params.id!).catch(asHttp);
  return json({
    force,
    canManage: may(user, "force.manage", { conferenceId: conference.id }),
    canErase: may(user, "person.erase", { conferenceId: conference.id }),
    canInvite: may(user, "invitation.manage", { conferenceId: conference.id }),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "force.manage");
  const prisma = context.services.prisma;
  const form = await request.formData();
  const intent = formString(form, "intent");
  return pageAction(async () => {
    if (intent === "archive" || intent === "unarchive") {
      await setForceArchived(prisma, user, conference.id, params.id!, intent === "archive", { ip: clientIp(request) });
      return json({ ok: intent });
    }
    if (intent === "erase-contact") {
      const contactId = formString(form, "contactId").slice(0, 64);
      // The button only asks: the confirmation names who goes, and its own button erases.
      if (form.get("confirm") !== "yes") {
        const who = await erasureTarget(prisma, user, conference.id, "contact", contactId);
        return json({ confirmErase: { name: who.name, details: who.details, fields: { intent: "erase-contact", contactId: who.id } } });
      }
      await eraseContact(prisma, user, conference.id, contactId, { ip: clientIp(request) });
      return json({ ok: "erased" });
    }
    if (intent === "invite") {
      const inv = await createInvitation(prisma, user, conference.id, {
        forceId: params.id!,
        seatQuota: formInt(form, "seatQuota"),
        confirmationDeadline: formString(form, "confirmationDeadline") || null,
        note: formString(form, "note") || null,
      }, commandMeta(request, context.services));
      return redirect(`/invitations/${inv.id}`);
    }
    await updateForce(prisma, user, conference.id, params.id!, { ...forceInputFromForm(form), version: formInt(form, "version") }, { allowDuplicate: form.get("allowDuplicate") === "on", ip: clientIp(request) });
    return json({ ok: "saved" });
  });
}

export default function ForcePage() {
  const { t, i18n } = useTranslation();
  const { force, canManage, canInvite, canErase } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [sp] = useSearchParams();
  const error = failureOf(data);
  const duplicates = error?.error.reason === "duplicate_name" ? (error.error.details?.duplicates as Duplicate[]) : null;
  return (
    <div className="space-y-4">
      <PipelineTabs staff />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold" data-testid="force-title">
          {forceName(force, i18n.language)}
        </h1>
        <span className="text-sm text-stone-600">{t(`forces.kind.${force.kind}`)}</span>
        {force.invitation ? (
          <Link to={`/invitations/${force.invitation.id}`} className="ms-auto">
            {t("forces.openInvitation")} <StatusBadge status={force.invitation.status} />
          </Link>
        ) : null}
      </div>
      {sp.get("created") ? <p className="notice">{t("forces.created")}</p> : null}
      {data && "ok" in data ? <p className="notice">{t("forces.saved")}</p> : null}
      {force.archivedAt ? <p className="notice">{t("forces.archivedNote")}</p> : null}
      {error?.error.code === "stale_version" ? (
        <p className="error" role="alert" data-testid="stale">
          {t("forces.stale")}
        </p>
      ) : duplicates ? (
        <DuplicateWarning duplicates={duplicates} />
      ) : (
        <ActionErrorMessage data={error} />
      )}
      {canManage ? (
        <ForceForm
          key={force.version}
          values={force}
          submitLabel={t("forces.save")}
          fieldErrors={error?.error.fieldErrors}
          extra={
            duplicates ? (
              <label className="flex items-center gap-2 font-semibold">
                <input type="checkbox" name="allowDuplicate" />
                {t("forces.createAnyway")}
              </label>
            ) : null
          }
        />
      ) : (
        <ForceSummary force={force} />
      )}
      {data && "confirmErase" in data ? <EraseConfirm confirmation={data.confirmErase} cancelTo={`/forces/${force.id}`} /> : null}
      {canErase && force.contacts.length ? (
        <section className="card" data-testid="erase-contacts">
          <h2 className="font-semibold">{t("erasure.contactsTitle")}</h2>
          <p className="text-sm text-stone-600">{t("erasure.intro")}</p>
          <ul>
            {force.contacts.map((c) => (
              <li key={c.id} className="flex items-center gap-2">
                <span dir="auto">{c.name}</span>
                <Form method="post">
                  <input type="hidden" name="intent" value="erase-contact" />
                  <input type="hidden" name="contactId" value={c.id} />
                  <button type="submit" className="btn-quiet" data-testid="erase-contact">
                    {t("erasure.erase")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {canManage ? (
        <Form method="post">
          <button type="submit" name="intent" value={force.archivedAt ? "unarchive" : "archive"} className="btn-quiet" data-testid="archive">
            {force.archivedAt ? t("forces.unarchive") : t("forces.archive")}
          </button>
        </Form>
      ) : null}
      {canInvite && !force.invitation && !force.archivedAt ? (
        <Form method="post" className="card flex flex-wrap items-end gap-3">
          <h2 className="w-full text-lg font-semibold">{t("forces.invite")}</h2>
          <label>
            <span className="block text-sm">{t("invitations.seatQuota")}</span>
            <input type="number" name="seatQuota" min={0} max={200} defaultValue={force.kind === "PERSONALITY" ? 1 : 3} className="field w-24" />
          </label>
          <label>
            <span className="block text-sm">{t("invitations.deadline")}</span>
            <input type="date" name="confirmationDeadline" className="field" />
          </label>
          <label className="grow">
            <span className="block text-sm">{t("invitations.note")}</span>
            <input name="note" className="field" />
          </label>
          <button type="submit" name="intent" value="invite" className="btn" data-testid="invite">
            {t("forces.invite")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function ForceSummary({ force }: { force: ReturnType<typeof useLoaderData<typeof loader>>["force"] }) {
  const { t } = useTranslation();
  return (
    <dl className="card grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
      <dt>{t("forces.fields.nameAr")}</dt>
      <dd>{force.nameAr}</dd>
      <dt>{t("forces.fields.nameKu")}</dt>
      <dd>{force.nameKu ?? "—"}</dd>
      <dt>{t("forces.fields.nameEn")}</dt>
      <dd>{force.nameEn ?? "—"}</dd>
      <dt>{t("forces.fields.region")}</dt>
      <dd>
        {t(`forces.region.${force.region}`)} {[force.city, force.country].filter(Boolean).join("، ")}
      </dd>
      <dt>{t("forces.fields.isMember")}</dt>
      <dd>{force.isMember ? t("forces.membership.member") : t("forces.membership.outside")}</dd>
      <dt>{t("forces.fields.tags")}</dt>
      <dd>{force.tags.join("، ") || "—"}</dd>
      <dt>{t("forces.fields.notes")}</dt>
      <dd className="whitespace-pre-line">{force.notes ?? "—"}</dd>
      <dt>{t("forces.fields.contacts")}</dt>
      <dd>
        <ul>
          {force.contacts.map((c) => (
            <li key={c.id}>
              {c.name}
              {c.role ? ` — ${c.role}` : ""} {c.phone ? <span dir="ltr">{c.phone}</span> : null} {c.email ? <span dir="ltr">{c.email}</span> : null}
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}
