export * from './enums';
export * from './rules';
export * from './schemas';
export * from './downloads';
export * from './public-accounts';
export * from './open-applications';
export * from './feedback';
export * from './usage-stats';
