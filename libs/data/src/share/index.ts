export * from './common';
export * from './workflow';
export * from './requests';
export * from './negotiation';
export * from './queries';
export * from './grants';
export * from './agents';
export * from './entries';
export { createGrant } from './grant-create';
