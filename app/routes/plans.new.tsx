import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { PlanPrefill, createPlanItem, planFormOptions } from "~/domain/plans.server";
import { pageQuery } from "~/domain/query-params";
import { formValues, pageAction } from "~/http/page.server";
import { formErrors } from "~/components/coordination/ui";
import { PlanForm } from "~/components/coordination/PlanForm";
import { clientIp } from "~/http/request.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("coordination.plans.new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "plan.write");
  // Strict (ADR 0033): a horizon that is not one, or a parameter the form does not have, is a 400.
  const q = pageQuery(PlanPrefill, new URL(request.url).searchParams);
  const prefill = { horizon: q.horizon ?? "", forceId: q.forceId ?? "", representationId: q.representationId ?? "", paperSection: q.paperSection ?? "" };
  return json({ options: await planFormOptions(context.services.prisma, user, conference.id), prefill });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "plan.write");
  const values = await formValues(request);
  return pageAction(async () => {
    const item = await createPlanItem(context.services.prisma, user, conference.id, values, {}, { ip: clientIp(request) });
    return redirect(`/plans/${item.id}?saved=1`);
  }, values);
}

export default function NewPlanItem() {
  const { t } = useTranslation();
  const { options, prefill } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link to="/plans">{t("coordination.plans.title")}</Link>
      </nav>
      <h1 className="text-2xl font-bold">{t("coordination.plans.new")}</h1>
      <PlanForm options={options} values={failed?.values ?? prefill} errors={formErrors(failed)} submitLabel={t("coordination.plans.save")} />
    </div>
  );
}
