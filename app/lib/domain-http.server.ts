// For page loaders and actions: a DomainError from the domain becomes the HTTP response it stands for
// (404 for a paper or version that is not there, 400 for bad input…), shown by the route's error boundary.
import { DomainError } from "~/domain/errors";

export function asHttp(err: unknown): never {
  if (err instanceof DomainError) throw new Response(err.message, { status: err.status });
  throw err;
}
