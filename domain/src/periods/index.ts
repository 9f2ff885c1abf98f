// The public API of periods and schedules, re-exported by the domain package's index.
export * from '../schedules/holidays';
export * from '../schedules/schedules';
export * from './lunar';
export * from './periods';
