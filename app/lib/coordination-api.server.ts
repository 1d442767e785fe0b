// Shared by the coordination area's /api/v1 handlers: which conference, which method, what body.
import { z } from "zod";
import { apiError, readJson } from "./api.server";
import { conferenceOf } from "~/domain/coordination-common";
import type { Actor } from "~/policy";

/** ?conferenceId=… when given (the caller must belong to it), else the caller's first conference. */
export function conferenceParam(request: Request, actor: Actor): string {
  return conferenceOf(actor, new URL(request.url).searchParams.get("conferenceId"));
}

export const queryOf = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

/** A JSON object body (fields are checked by the domain's own schema). */
export const readObject = (request: Request) => readJson(request, z.record(z.string(), z.unknown()));

export function methodNotAllowed(allowed: string[]) {
  const res = apiError(405, "method_not_allowed", `Use ${allowed.join(", ")}`);
  res.headers.set("Allow", allowed.join(", "));
  return res;
}

export const created = (body: unknown) => Response.json(body, { status: 201 });
export const noContent = () => new Response(null, { status: 204 });
