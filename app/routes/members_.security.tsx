// A conference's sign-in security (ADR 0026): whether its organizers and committee members must use a
// second factor. Organizers only (member.manage); every change is audited.
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "~/http/request.server";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { setConferenceRequirement } from "~/domain/second-factor.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("signin.security.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { conference } = await requireMember(request, context, "member.manage");
  return json({ required: conference.requireSecondFactor });
}

const Setting = z.object({ requireSecondFactor: z.enum(["on", "off"]) });

export async function action({ request, context }: ActionFunctionArgs) {
  const { conference, user } = await requireMember(request, context, "member.manage");
  const parsed = Setting.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false, error: "errors.invalid" }, { status: 400 });
  const required = parsed.data.requireSecondFactor === "on";
  if (required !== conference.requireSecondFactor) await setConferenceRequirement(context.services.prisma, conference.id, required, user.id, { ip: clientIp(request) });
  return json({ ok: true, error: null });
}

export default function MembersSecurity() {
  const { t } = useTranslation();
  const { required } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-md card space-y-3">
      <h1 className="text-xl font-bold">{t("signin.security.title")}</h1>
      {result?.error ? <p role="alert" className="error">{t(result.error)}</p> : null}
      {result?.ok ? <p role="status">{t("signin.security.saved")}</p> : null}
      <Form method="post" className="space-y-2">
        <fieldset>
          <legend>{t("signin.security.require")}</legend>
          <label className="me-4">
            <input type="radio" name="requireSecondFactor" value="on" defaultChecked={required} /> {t("signin.security.on")}
          </label>
          <label>
            <input type="radio" name="requireSecondFactor" value="off" defaultChecked={!required} /> {t("signin.security.off")}
          </label>
        </fieldset>
        <button type="submit" className="btn">
          {t("signin.security.save")}
        </button>
      </Form>
    </div>
  );
}
