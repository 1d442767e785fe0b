// Express-level guards: oversize bodies and uncaught errors answer in JSON, never with a stack trace.
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { readdirSync } from "node:fs";
import { join, sep } from "node:path";
import type { Logger } from "pino";

const errorBody = (code: string, message: string) => ({ error: { code, message } });

/**
 * Bodies larger than maxBytes answer 413. Content-Length is checked first; a chunked body (or one that
 * lies about its length) is counted as it arrives: the bytes are counted where the HTTP parser hands
 * them to the request stream (`push`), which neither starts nor pauses the stream, so whoever reads the
 * body later (Remix) reads it as it would, and nothing past the limit is kept.
 */
export function bodyLimit(maxBytes: number): RequestHandler {
  const tooLarge = errorBody("payload_too_large", `Request body is larger than ${maxBytes} bytes`);
  return (req, res, next) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      res.status(413).json(tooLarge);
      return;
    }
    let read = 0;
    const push = req.push.bind(req);
    req.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk === null) return push(chunk, encoding);
      read += typeof chunk === "string" ? Buffer.byteLength(chunk, encoding) : (chunk as Uint8Array).length;
      if (read <= maxBytes) return push(chunk, encoding);
      // Over the limit: answer now, keep nothing more, and end the reader's wait with an error.
      req.push = () => false;
      if (!res.headersSent) res.status(413).set("Connection", "close").json(tooLarge);
      const stop = () => req.destroy(Object.assign(new Error("request body too large"), { status: 413 }));
      if (res.writableFinished) stop();
      else res.once("finish", stop);
      return false;
    };
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

/**
 * The build's public files (favicon and the like), served from disk. Which files there are is read once
 * at start: express.static alone would stat the disk for every page and API request first.
 */
export function publicFiles(dir: string): RequestHandler {
  const files = new Set(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => "/" + join(e.parentPath, e.name).slice(dir.length + 1).split(sep).join("/")),
  );
  const serve = express.static(dir, { maxAge: "1h" });
  return (req, res, next) => (files.has(req.path) ? serve(req, res, next) : next());
}
