export * from './schemas';
export * from './templates';
export * from './workflow';
export * from './render';
export * from './number-search';
