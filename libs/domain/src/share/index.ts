export * from './enums';
export * from './machine';
export * from './parties';
export * from './grants';
export * from './schemas';
