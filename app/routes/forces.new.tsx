import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { createForce } from "~/domain/forces.server";
import { pageAction } from "~/http/page.server";
import { failureOf, type PageFailure } from "~/http/page-error";
import { forceInputFromForm } from "~/http/force-form";
import { DuplicateWarning, ForceForm, type Duplicate, type ForceFormValues } from "~/components/invitations/ForceForm";
import { ActionErrorMessage, PipelineTabs } from "~/components/invitations/ui";
import { clientIp } from "~/http/request.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("forces.new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireMember(request, context, "force.manage");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "force.manage");
  const form = await request.formData();
  const input = forceInputFromForm(form);
  return pageAction(async () => {
    const force = await createForce(context.services.prisma, user, conference.id, input, { allowDuplicate: form.get("allowDuplicate") === "on", ip: clientIp(request) });
    return redirect(`/forces/${force.id}?created=1`);
  }, input as ForceFormValues);
}

export default function NewForce() {
  const { t } = useTranslation();
  const data = failureOf(useActionData<typeof action>()) as PageFailure<ForceFormValues> | null;
  const duplicates = data?.error.reason === "duplicate_name" ? (data.error.details?.duplicates as Duplicate[]) : null;
  return (
    <div>
      <PipelineTabs staff />
      <h1 className="mb-3 text-2xl font-bold">{t("forces.new")}</h1>
      {duplicates ? <DuplicateWarning duplicates={duplicates} /> : <ActionErrorMessage data={data} />}
      <ForceForm
        key={JSON.stringify(data?.values ?? {})}
        values={data?.values ?? {}}
        submitLabel={t("forces.create")}
        fieldErrors={data?.error.fieldErrors}
        extra={
          duplicates ? (
            <label className="flex items-center gap-2 font-semibold">
              <input type="checkbox" name="allowDuplicate" data-testid="allow-duplicate" />
              {t("forces.createAnyway")}
            </label>
          ) : null
        }
      />
    </div>
  );
}
