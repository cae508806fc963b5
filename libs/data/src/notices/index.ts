export * from './numbering';
export * from './settings';
export * from './dto';
export * from './notices';
export * from './rectifications';
export * from './escalation';
export * from './register';
export * from './document';
