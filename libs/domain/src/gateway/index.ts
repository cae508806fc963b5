export * from './masking';
export * from './schemas';
export * from './cells';
export * from './access';
export * from './errors';
export * from './misuse';
export * from './grant-usage';
export * from './volume';
