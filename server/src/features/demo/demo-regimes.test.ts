import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoRegimes } from './demo-regimes';

const snapshot = path.join(import.meta.dirname, '../../../test/fixtures/demo-regimes.snapshot.json');

describe('demo regimes from data', () => {
  it('expands to exactly the definitions the code built before', () => {
    expect(demoRegimes()).toStrictEqual(JSON.parse(readFileSync(snapshot, 'utf8')));
  });
});
