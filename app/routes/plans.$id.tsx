import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ConfirmDelete } from "~/components/ui/actions";
import { requireMember } from "~/context.server";
import { deletePlanItem, getPlanItem, planFormOptions, planValues, setPlanStatus, updatePlanItem } from "~/domain/plans.server";
import { may } from "~/policy";
import { formValues, pageAction } from "~/http/page.server";
import { safeNext } from "~/http/request.server";
import { PlanForm } from "~/components/coordination/PlanForm";
import { Day, DueBadge, Notice, useName, formErrors } from "~/components/coordination/ui";
import { clientIp } from "~/http/request.server";
import { pageParams } from "~/domain/query-params";
import { z } from "zod";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("titles.planItem");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "plan.read");
  // Only the notice the page shows after its own redirect (ADR 0033).
  pageParams(request, { saved: z.literal("1").optional() });
  const { prisma } = context.services;
  const item = await getPlanItem(prisma, user, params.id!).catch(() => {
    throw new Response("Not found", { status: 404 });
  });
  const canWrite = may(user, "plan.write", { conferenceId: item.conferenceId });
  return json({ item, values: planValues(item), canWrite, options: canWrite ? await planFormOptions(prisma, user, conference.id) : null });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = await requireMember(request, context, "plan.write");
  const { prisma } = context.services;
  const values = await formValues(request);
  const id = params.id!;
  return pageAction(async () => {
    switch (values.intent) {
      case "status":
        await setPlanStatus(prisma, user, id, values.status, {}, { ip: clientIp(request) });
        return redirect(safeNext(values.next, `/plans/${id}`));
      case "delete":
        await deletePlanItem(prisma, user, id, { ip: clientIp(request) });
        return redirect("/plans?deleted=1");
      default:
        await updatePlanItem(prisma, user, id, values, {}, { ip: clientIp(request) });
        return redirect(`/plans/${id}?saved=1`);
    }
  }, values);
}

export default function PlanItemPage() {
  const { t } = useTranslation();
  const name = useName();
  const { item, values, canWrite, options } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to="/plans">{t("coordination.plans.title")}</Link>
      </nav>
      <Notice show={params.get("saved") === "1"}>{t("coordination.plans.saved")}</Notice>
      <article className="card space-y-2" data-testid="plan-item">
        <h1 className="text-xl font-bold" dir="auto">
          {item.goal}
        </h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
          <dt>{t("coordination.plans.horizon")}</dt>
          <dd>{t(`coordination.plans.horizons.${item.horizon}`)}</dd>
          <dt>{t("coordination.plans.status")}</dt>
          <dd data-testid="plan-status">{t(`coordination.plans.statuses.${item.status}`)}</dd>
          <dt>{t("coordination.plans.owner")}</dt>
          <dd>{item.owner?.name ?? t("coordination.plans.noOwner")}</dd>
          <dt>{t("coordination.plans.dueOn")}</dt>
          <dd>
            <Day day={item.dueOn} /> <DueBadge state={item.dueState} />
          </dd>
          <dt>{t("coordination.plans.links")}</dt>
          <dd>
            {item.force ? <Link to={`/outreach/forces/${item.force.id}`}>{name(item.force)}</Link> : null}
            {item.representation ? (
              <>
                {item.force ? " · " : ""}
                <Link to={`/representations/${item.representation.id}`}>{item.representation.country}</Link>
              </>
            ) : null}
            {item.paperSection ? (
              <>
                {item.force || item.representation ? " · " : ""}
                <Link to="/paper">{item.paperSection}</Link>
              </>
            ) : null}
            {!item.force && !item.representation && !item.paperSection ? "—" : null}
          </dd>
        </dl>
      </article>
      {canWrite && options ? (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{t("coordination.plans.edit")}</h2>
          <PlanForm options={options} values={failed?.values ?? values} errors={formErrors(failed)} submitLabel={t("coordination.plans.save")} />
          <ConfirmDelete summary={t("coordination.plans.delete")} confirm={t("coordination.plans.deleteConfirm")} />
        </section>
      ) : null}
    </div>
  );
}
