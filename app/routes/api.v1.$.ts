import { apiError } from "~/http/api.server";

// Unknown API paths answer in JSON, whatever the method.
const notFound = async () => apiError(404, "not_found", "No such endpoint");
export const loader = notFound;
export const action = notFound;
