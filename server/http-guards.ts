// Express-level guards: oversize bodies and uncaught errors answer in JSON, never with a stack trace.
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { readdirSync } from "node:fs";
import { join, sep } from "node:path";
import type { Logger } from "pino";

const errorBody = (code: string, message: string) => ({ error: { code, message } });

/**
 * The request's body as it arrives: larger than maxBytes answers 413, and a NUL character in a form or
 * JSON body (`%00`, `\u0000` or the byte itself) answers 400, since PostgreSQL cannot store one and would
 * turn it into a 500 deep inside a route. Content-Length is checked first; a chunked body (or one that
 * lies about its length) is inspected as it arrives: where the HTTP parser hands bytes to the request
 * stream (`push`), which neither starts nor pauses the stream, so whoever reads the body later (Remix)
 * reads it as it would, and nothing past a refusal is kept. Multipart bodies (file uploads) are only
 * counted: their files are checked where they are read.
 */
export function bodyLimit(maxBytes: number): RequestHandler {
  const tooLarge = errorBody("payload_too_large", `Request body is larger than ${maxBytes} bytes`);
  const nul = errorBody("bad_request", "The request holds a NUL character (%00), which no field may contain");
  return (req, res, next) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      res.status(413).json(tooLarge);
      return;
    }
    const type = String(req.headers["content-type"] ?? "").toLowerCase();
    // What a NUL looks like in this kind of body; a tail of the previous chunk catches one split in two.
    const marks = type.startsWith("application/x-www-form-urlencoded") ? ["%00", "\0"] : type.includes("json") ? ["\\u0000", "\0"] : null;
    let read = 0;
    let tail = "";
    const push = req.push.bind(req);
    const refuse = (status: number, body: object) => {
      const refused = Object.assign(new Error("request body refused"), { status });
      // Keep reading and dropping what still arrives for a moment (no "Connection: close", which would
      // stop the reading): closing a socket with unread bytes sends a reset that can overtake the answer.
      // Then end the reader's wait, and the connection, with an error.
      const stop = setTimeout(() => req.destroy(refused), 2_000).unref();
      req.push = (chunk: unknown) => {
        if (chunk !== null) return true;
        // The whole body has arrived: the connection goes on to serve the client's next requests, so
        // end only the reader's wait (IncomingMessage's own destroy would close the socket under them).
        clearTimeout(stop);
        req._destroy = (_err, cb) => cb(req.listenerCount("error") ? refused : null);
        setImmediate(() => req.destroy(refused));
        return false;
      };
      res.locals.bodyRefused = true;
      if (!res.headersSent) res.status(status).json(body);
      return true;
    };
    req.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk === null) return push(chunk, encoding);
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, encoding) : Buffer.from(chunk as Uint8Array);
      read += bytes.length;
      if (read > maxBytes) return refuse(413, tooLarge);
      if (marks) {
        const text = tail + bytes.toString("latin1").toLowerCase();
        if (marks.some((m) => text.includes(m))) return refuse(400, nul);
        tail = text.slice(-5);
      }
      return push(chunk, encoding);
    };
    next();
  };
}

/** A NUL character anywhere in the address (path or query) answers 400 before any route reads it. */
export const noNulInUrl: RequestHandler = (req, res, next) => {
  if (/%00|\0/i.test(req.originalUrl)) {
    res.status(400).json(errorBody("bad_request", "The address holds a NUL character (%00), which no parameter may contain"));
    return;
  }
  next();
};

export const apiNotFound: RequestHandler = (_req, res) => {
  res.status(404).json(errorBody("not_found", "No such endpoint"));
};

export function jsonErrorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    // The route that was reading a refused body fails with it after the refusal was answered: expected.
    if (res.locals.bodyRefused) return;
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
