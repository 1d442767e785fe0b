// One Node process, one port: Express + Remix, socket.io at /socket.io, Yjs at /collab/<paperId>.
import express from "express";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { pino } from "pino";
import { pinoHttp } from "pino-http";
import { Redis } from "ioredis";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import type { ViteDevServer } from "vite";
import { openDatabase, type Database } from "./db/client.js";
import { DEFAULT_MAIL_RATE, type Config } from "./config.js";
import type { AppServices } from "../app/services.server.js";
import { attachRealtime } from "./realtime/index.js";
import { attachCollab, type Collab } from "./collab/index.js";
import { accessBus } from "./collab/bus.js";
import type { CollabOptions } from "./collab/options.js";
import { scheduledJobs, seedDemo } from "../app/server-exports.server.js";
import { startTicker, type Ticker } from "./mail/ticker.js";
import { apiNotFound, bodyLimit, jsonErrorHandler, noNulInUrl, publicFiles } from "./http-guards.js";
import { foreignUpgrade, noStore, sameOriginWrites, securityHeaders, type TrustProxyFn } from "./edge.js";
import { backupScheduleFromEnv, startBackupSchedule } from "./backup/schedule.js";
import { mailLinkKey } from "./mail/keys.js";
import { startMailWorker, type MailWorker } from "./mail/worker.js";
import { secretsOf, smtpTransport } from "./mail/transport.js";

export type RemixMode = "build" | "vite" | "none";

export interface RunningServer {
  server: Server;
  services: AppServices;
  db: Database;
  collab: Collab;
  port: number;
  ticker: Ticker;
  /** Delivers the outbox (ADR 0049); tests call runOnce/drain/kick. */
  mailWorker: MailWorker;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  opts: { remix?: RemixMode; log?: AppServices["log"]; collab?: Partial<CollabOptions> } = {},
): Promise<RunningServer> {
  const log = opts.log ?? pino({ level: config.logLevel });
  // Scheduled backups (BACKUP_DIR…): a bad setting stops the start before anything is opened.
  const backupSchedule = backupScheduleFromEnv();
  const db = await openDatabase({
    url: config.databaseUrl,
    dataDir: join(config.dataDir, "db"),
    onIdleError: (err) => log.warn({ err }, "database closed an idle connection; the next query opens another"),
  });
  log.info({ db: db.kind }, "database ready, migrations applied");
  if (config.seedDemo) {
    const seeded = await seedDemo(db.prisma);
    if (seeded) log.info("demo data seeded");
  }

  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 }) : null;
  if (redis) await redis.connect();

  const app = express();
  app.disable("x-powered-by");
  // A hop count or the proxies' addresses, never "trust everything" (ADR 0024).
  app.set("trust proxy", config.trustProxy);
  const trust = app.get("trust proxy fn") as TrustProxyFn;
  const server = createServer(app);

  const services: AppServices = {
    prisma: db.prisma,
    sql: db.sql,
    dbKind: db.kind,
    redis: !!redis,
    redisClient: redis,
    version: config.version,
    sessionSecret: config.sessionSecret,
    secureCookies: config.secureCookies,
    realtime: { emit: () => {} },
    mail: { appUrl: config.appUrl, linkKey: mailLinkKey(config.sessionSecret) },
    papers: null as unknown as AppServices["papers"], // set by attachCollab below
    log,
  };
  const foreign = foreignUpgrade(trust);
  // Access changes (ADR 0025): heard by socket.io and the collab server on every instance.
  const access = accessBus(redis, log);
  services.access = { changed: (userIds) => access.publish(userIds) };
  const realtime = await attachRealtime(server, services, redis, foreign, access, trust);
  services.realtime = realtime;
  const collab = attachCollab(server, services, redis, opts.collab ?? {}, db.sql, foreign, access);
  services.papers = collab.papers;
  services.translationDocs = collab.translations;

  // First, so every answer has them, /healthz and errors included.
  app.use(securityHeaders({ secure: config.secureCookies, trust }));
  app.use(
    pinoHttp({
      logger: log,
      // One line per request with status and duration; static assets are noise.
      autoLogging: { ignore: (req) => !!req.url?.startsWith("/assets/") },
      serializers: { req: (req) => ({ method: req.method, url: req.url }), res: (res) => ({ statusCode: res.statusCode }) },
    }),
  );

  app.get("/healthz", async (_req, res) => {
    let dbOk = true;
    try {
      await db.prisma.$queryRaw`SELECT 1`;
    } catch {
      dbOk = false;
    }
    const redisOk = redis ? redis.status === "ready" : false;
    res.status(dbOk ? 200 : 503).json({ status: dbOk ? "ok" : "degraded", db: db.kind, redis: redisOk, version: config.version });
  });
  // The nonce reaches entry.server.tsx, which puts it on Remix's and React's scripts.
  const getLoadContext = (_req: express.Request, res: express.Response) => ({ services, cspNonce: res.locals.cspNonce as string });
  // Build files (and Vite's modules in dev) first: they keep their own caching; everything after is no-store.
  const guards = [
    noStore,
    noNulInUrl,
    bodyLimit(1024 * 1024),
    // The client address as Express sees it (honours TRUST_PROXY); never taken from the request itself.
    ((req, _res, next) => {
      req.headers["x-tawafuq-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
      next();
    }) satisfies express.RequestHandler,
    sameOriginWrites(trust),
  ];

  let vite: ViteDevServer | undefined;
  const mode = opts.remix ?? (config.production ? "build" : "vite");
  if (mode === "vite") {
    const { createServer: createVite } = await import("vite");
    vite = await createVite({ server: { middlewareMode: true, hmr: { server } } });
    app.use(vite.middlewares);
    app.use(guards);
    app.all(
      "*",
      createRequestHandler({
        build: () => vite!.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
        getLoadContext,
      }),
    );
  } else if (mode === "build") {
    const buildPath = join(process.cwd(), "build/server/index.js");
    const build = (await import(buildPath)) as ServerBuild;
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(publicFiles("build/client"));
    app.use(guards);
    app.all("*", createRequestHandler({ build, getLoadContext, mode: "production" }));
  } else {
    app.use(guards);
    app.use("/api", apiNotFound);
  }
  app.use(jsonErrorHandler(log));

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  log.info({ port, db: db.kind, redis: !!redis }, `Tawafuq listening on http://localhost:${port}`);
  const backups = backupSchedule ? startBackupSchedule(db.sql, backupSchedule, { version: config.version, log }) : null;
  // Reminders, digests and due notices (issue 18): every instance ticks; each job sends a thing once.
  // The outbox's delivery: through SMTP_URL, or kept for reading in the app without it (ADR 0049).
  const mailWorker = startMailWorker({
    sql: db.sql,
    mail: services.mail,
    transport: config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : null,
    secrets: secretsOf(config.smtpUrl),
    log,
    pollMs: config.mailPollMs ?? 1_000,
    rate: config.mailRate ?? DEFAULT_MAIL_RATE,
    reclaimOnStart: db.kind === "pglite",
  });
  services.mail.wake = () => mailWorker.kick();
  const ticker = startTicker(scheduledJobs, { prisma: db.prisma, mail: services.mail, realtime, log, everyMs: config.mailTickMs });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Stop accepting, let open requests finish, flush pending Yjs writes, then close stores.
      const httpClosed = new Promise<void>((r) => server.close(() => r()));
      await collab.close();
      await realtime.close();
      await access.close();
      server.closeAllConnections?.();
      await httpClosed;
      await vite?.close();
      await backups?.stop();
      await ticker.stop();
      await mailWorker.stop();
      await db.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
      log.info("shut down cleanly");
    })());
  return { server, services, db, collab, port, ticker, mailWorker, close };
}
