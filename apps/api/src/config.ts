import { resolve } from 'node:path';
import { z } from 'zod';

function absoluteDir(v: string | undefined): string | undefined {
  return v && v.trim() ? resolve(v.trim()) : undefined;
}

/** The API's configuration, parsed once from the environment (README § configuration). */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  /** empty counts as none: the in-process scheduler runs */
  REDIS_URL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : null)),
  /** BullMQ key prefix, for several installations sharing one Redis (default govdata); the scheduler reads it too */
  GOVDATA_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,60}$/, 'GOVDATA_QUEUE_PREFIX may hold letters, digits, _ . - only')
    .optional(),
  GOVDATA_NOW: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : null)),
  GOVDATA_DEMO: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => v !== 'false' && v !== '0'),
  NODE_ENV: z.string().default('development'),
  /** directory of the built SPA; served at / with history fallback */
  /** relative paths are taken from the working directory at start, once (express's sendFile needs an absolute path) */
  GOVDATA_ADMIN_DIST: z.string().optional().transform(absoluteDir),
  GOVDATA_PORTAL_DIST: z.string().optional().transform(absoluteDir),
  /** set when behind a reverse proxy, so req.ip is the client's address (Express "trust proxy") */
  TRUST_PROXY: z.string().optional(),
  /** bearer token Prometheus sends to /metrics (otherwise only a logged-in bureau admin may read it) */
  GOVDATA_METRICS_TOKEN: z.string().min(16, 'GOVDATA_METRICS_TOKEN 至少 16 个字符').optional().or(z.literal('').transform(() => undefined)),
  /** json (pino, default in production) or text (readable lines, default otherwise) */
  LOG_FORMAT: z.enum(['json', 'text']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  /** more origins (scheme://host[:port], comma-separated) allowed to send state changes besides the server's own */
  GOVDATA_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, message: 'GOVDATA_ALLOWED_ORIGINS: each entry must be an origin like https://data.example.gov.cn' }))),
  /** in-process scheduler: set to false to run no jobs in this API process */
  /** PKCS#8 PEM private key that signs the audit trail's daily seals (SM2 or Ed25519); generated there on first start outside production */
  GOVDATA_AUDIT_KEY: z.string().optional(),
  /** file holding the gateway's secret (tokens, keyed hashing); generated on first start outside production */
  GOVDATA_GATEWAY_SECRET: z.string().optional(),
  /** directory of the open-data download file cache (docs/open-data.md); `off` keeps none */
  GOVDATA_DOWNLOAD_CACHE: z.string().optional(),
  /** directory the export jobs write their files to (shared by every API and scheduler process when scaled out) */
  GOVDATA_EXPORT_DIR: z.string().optional().transform(absoluteDir),
  GOVDATA_SCHEDULER: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => v !== 'false' && v !== '0'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | null;
  queuePrefix: string | null;
  pinnedNow: string | null;
  demo: boolean;
  production: boolean;
  adminDist: string | null;
  /** the built open-data portal (apps/portal/dist) served at /open/ */
  portalDist: string | null;
  trustProxy: string | null;
  inProcessScheduler: boolean;
  /** the audit seal key file (docs/security.md) */
  auditKeyFile: string;
  bodyLimit: string;
  metricsToken: string | null;
  logFormat: 'json' | 'text';
  logLevel: string;
  /** origins besides the server's own that may send state changes (CSRF guard) */
  allowedOrigins: string[];
  /** null in tests: a random secret per process */
  gatewaySecretFile: string | null;
  /** the download file cache's directory; null: none (tests, unless they set one) */
  downloadCacheDir: string | null;
  /** where export jobs write their files (data/exports by default) */
  exportDir: string;
}

export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && e.GOVDATA_NOW) throw new Error('GOVDATA_NOW pins the clock and is refused in production (NODE_ENV=production)');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.GOVDATA_QUEUE_PREFIX ?? null,
    pinnedNow: e.GOVDATA_NOW,
    demo: production ? false : e.GOVDATA_DEMO,
    production,
    adminDist: e.GOVDATA_ADMIN_DIST ?? null,
    portalDist: e.GOVDATA_PORTAL_DIST ?? null,
    trustProxy: e.TRUST_PROXY ?? null,
    inProcessScheduler: e.GOVDATA_SCHEDULER,
    auditKeyFile: e.GOVDATA_AUDIT_KEY?.trim() || 'data/audit-seal-key.pem',
    bodyLimit: '1mb',
    metricsToken: e.GOVDATA_METRICS_TOKEN ?? null,
    logFormat: e.LOG_FORMAT ?? (production ? 'json' : 'text'),
    logLevel: e.LOG_LEVEL,
    allowedOrigins: e.GOVDATA_ALLOWED_ORIGINS,
    gatewaySecretFile: e.GOVDATA_GATEWAY_SECRET || (e.NODE_ENV === 'test' ? null : 'data/gateway-secret.key'),
    exportDir: e.GOVDATA_EXPORT_DIR ?? resolve('data/exports'),
    downloadCacheDir: e.GOVDATA_DOWNLOAD_CACHE === 'off' ? null : absoluteDir(e.GOVDATA_DOWNLOAD_CACHE) ?? (e.NODE_ENV === 'test' ? null : resolve('data/download-cache')),
  };
}
