import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { OutreachPrefill, createOutreach, officeToday, outreachFormOptions } from "~/domain/outreach.server";
import { pageQuery } from "~/domain/query-params";
import { formValues, pageAction } from "~/http/page.server";
import { formErrors } from "~/components/coordination/ui";
import { OutreachForm } from "~/components/coordination/OutreachForm";
import { clientIp } from "~/http/request.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("coordination.outreach.new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "outreach.write");
  // Prefilled from the page it was opened from (a force's timeline, a representation); strict (ADR 0033).
  const q = pageQuery(OutreachPrefill, new URL(request.url).searchParams);
  const prefill = { forceId: q.forceId ?? "", contactId: q.contactId ?? "", representationId: q.representationId ?? "" };
  return json({ options: await outreachFormOptions(context.services.prisma, user, conference.id), prefill, today: officeToday() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "outreach.write");
  const values = await formValues(request);
  return pageAction(async () => {
    const entry = await createOutreach(context.services.prisma, user, conference.id, values, {}, { ip: clientIp(request) });
    return redirect(`/outreach/${entry.id}?saved=1`);
  }, values);
}

export default function NewOutreach() {
  const { t } = useTranslation();
  const { options, prefill, today } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link to="/outreach">{t("coordination.outreach.title")}</Link>
      </nav>
      <h1 className="text-2xl font-bold">{t("coordination.outreach.new")}</h1>
      <OutreachForm options={options} values={failed?.values ?? prefill} errors={formErrors(failed)} submitLabel={t("coordination.outreach.save")} today={today} />
    </div>
  );
}
