import { z } from 'zod';

// Validation messages in Chinese for API and SPA alike (zh-CN first).
z.config(z.locales.zhCN());

export * from './clock';
export * from './errors';
export * from './roles';
export * from './common';
export * from './search';
export * from './input';
export * from './departments';
export * from './users';
export * from './auth';
export * from './health';
export * from './violations';
export * from './deadlines';
export * from './deadline-rules';
export * from './rule-sets';
export * from './deadline-recompute';
export * from './notifications';
export * from './access';
export * from './capabilities';
export * from './calendar';
export * from './notices';
export * from './catalog';
export * from './violations-rules';
export * from './violations-api';
export * from './violation-sources';
export * from './audit';
export * from './freshness';
export * from './jobs';
export * from './deadline-api';
export * from './share';
export * from './opendata';
export * from './workbench';
export * from './gateway';
export * from './lifecycle';
export * from './upper';
