import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { clientIp } from "~/http/request.server";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { createRepresentation } from "~/domain/representations.server";
import { formValues, pageAction } from "~/http/page.server";
import { formErrors } from "~/components/coordination/ui";
import { RepresentationForm } from "~/components/coordination/RepresentationForm";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("coordination.representations.new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireMember(request, context, "representation.write");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "representation.write");
  const values = await formValues(request);
  return pageAction(async () => {
    const rep = await createRepresentation(context.services.prisma, user, conference.id, values, { ip: clientIp(request) });
    return redirect(`/representations/${rep.id}?saved=1`);
  }, values);
}

export default function NewRepresentation() {
  const { t } = useTranslation();
  const failed = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link to="/representations">{t("coordination.representations.title")}</Link>
      </nav>
      <h1 className="text-2xl font-bold">{t("coordination.representations.new")}</h1>
      <RepresentationForm values={failed?.values ?? {}} errors={formErrors(failed)} submitLabel={t("coordination.representations.save")} />
    </div>
  );
}
