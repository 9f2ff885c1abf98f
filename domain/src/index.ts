export * from './api/index';
export * from './auth/roles';
export * from './errors/error-codes';
export * from './periods/index';
export * from './text/text';
