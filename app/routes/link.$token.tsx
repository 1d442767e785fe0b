import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { createSession, redeemDelegateLink } from "~/domain/accounts.server";
import { DomainError } from "~/domain/errors";
import { commitSession } from "~/session.server";
import { clientIp } from "~/lib/http.server";

// GET only shows a button: link previewers and mail scanners must not burn the one-time link.
export const loader = async (_: LoaderFunctionArgs) => null;

const messageKey = (err: DomainError) =>
  err.code === "not_found" ? "auth.linkInvalid" : /revoked/.test(err.message) ? "auth.linkRevoked" : /expired/.test(err.message) ? "auth.linkExpired" : "auth.linkUsed";

export async function action({ request, params, context }: ActionFunctionArgs) {
  try {
    const { userId } = await redeemDelegateLink(context.services.prisma, params.token ?? "");
    const session = await createSession(context.services.prisma, userId, { ip: clientIp(request), userAgent: request.headers.get("user-agent") ?? undefined });
    return redirect("/", { headers: { "Set-Cookie": await commitSession(context.services, session.id) } });
  } catch (err) {
    if (err instanceof DomainError) return json({ error: messageKey(err) }, { status: err.status });
    throw err;
  }
}

export default function DelegateLink() {
  const { t } = useTranslation();
  const data = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-md card">
      <h1 className="text-xl font-bold">{t("auth.linkTitle")}</h1>
      {data?.error ? (
        <p role="alert" className="error mt-3" data-testid="link-error">
          {t(data.error)}
        </p>
      ) : (
        <>
          <p className="mt-2">{t("auth.linkExplain")}</p>
          <Form method="post" className="mt-4">
            <button type="submit" className="btn">
              {t("auth.linkContinue")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
