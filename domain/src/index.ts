export * from './api/index';
export * from './auth/roles';
export * from './errors/error-codes';
export * from './text/text';
