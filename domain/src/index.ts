export * from './api/index';
export * from './auth/roles';
export * from './errors/error-codes';
export * from './expressions/index';
export * from './forms/form-definition';
export * from './forms/regime-definition';
export * from './periods/index';
export * from './text/text';
