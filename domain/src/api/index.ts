export * from './audit';
export * from './auth';
export * from './common';
export * from './settings';
export * from './tokens';
export * from './units';
export * from './users';
