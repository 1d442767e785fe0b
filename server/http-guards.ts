// Express-level guards: oversize bodies and uncaught errors answer in JSON, never with a stack trace.
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";

const errorBody = (code: string, message: string) => ({ error: { code, message } });

export function bodyLimit(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      res.status(413).json(errorBody("payload_too_large", `Request body is larger than ${maxBytes} bytes`));
      return;
    }
    next();
  };
}

export const apiNotFound: RequestHandler = (_req, res) => {
  res.status(404).json(errorBody("not_found", "No such endpoint"));
};

export function jsonErrorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    log.error({ err, url: req.url }, "unhandled error");
    if (res.headersSent) return;
    res.status(500).json(errorBody("internal", "Something went wrong on our side"));
  };
}
