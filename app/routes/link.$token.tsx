import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { createSession, endSession, redeemDelegateLink } from "~/domain/accounts.server";
import { DomainError } from "~/domain/errors";
import { commitSession, getUser } from "~/session.server";
import { clientIp } from "~/http/request.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("auth.linkTitle");

// GET only shows a button: link previewers and mail scanners must not burn the one-time link.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context.services, context).catch(() => null);
  return json({ signedInAs: user?.email ?? null });
}

const messageKeys: Record<string, string> = {
  invalid: "auth.linkInvalid",
  revoked: "auth.linkRevoked",
  expired: "auth.linkExpired",
  used: "auth.linkUsed",
  accountExists: "auth.linkAccountExists",
  alreadyMember: "auth.linkAlreadyMember",
  disabled: "auth.linkDisabled",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { prisma } = context.services;
  const token = params.token ?? "";
  if (token.length > 100) return json({ error: messageKeys.invalid! }, { status: 404 });
  const current = await getUser(request, context.services, context);
  try {
    // Signed in, the link is offered to that account (accepted only if the link's email is its own).
    const { userId } = await redeemDelegateLink(prisma, token, { signedInUserId: current?.id ?? null, ip: clientIp(request) });
    // Rotation: whatever session this browser had ends; the new membership starts a new one.
    if (current?.sessionId) await endSession(prisma, current.sessionId);
    const session = await createSession(prisma, userId, { ip: clientIp(request), userAgent: request.headers.get("user-agent") ?? undefined });
    return redirect("/", { headers: { "Set-Cookie": await commitSession(context.services, session.id) } });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const reason = (err.details as { reason?: string } | undefined)?.reason ?? "invalid";
    return json({ error: messageKeys[reason] ?? messageKeys.invalid! }, { status: err.status });
  }
}

export default function DelegateLink() {
  const { t } = useTranslation();
  const { signedInAs } = useLoaderData<typeof loader>();
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
          <p className="mt-2">{signedInAs ? t("auth.linkAcceptAs", { email: signedInAs }) : t("auth.linkExplain")}</p>
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
