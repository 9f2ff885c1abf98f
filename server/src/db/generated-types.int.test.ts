import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/harness';
import { GENERATED_TYPES_FILE, generateDbTypes } from './generate-types';

// A clone of the run's migrated template (connecting to the template itself would stop
// other test files from cloning it meanwhile).
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

it('generated-types.ts is what the migrations produce', async () => {
  const fresh = await generateDbTypes(t.url);
  const checkedIn = await readFile(GENERATED_TYPES_FILE, 'utf8');
  expect(checkedIn, 'server/src/db/generated-types.ts differs from the migrations: run `npm run db:types`').toBe(fresh);
});
