// antd's Result alone, for `lazy-result.tsx` to fetch on demand (importing `antd` itself lazily
// would make a chunk of the whole library).
export { Result } from 'antd';
