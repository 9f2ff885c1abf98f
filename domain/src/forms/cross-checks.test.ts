import { describe, expect, it } from 'vitest';
import { crossFormsOf, evaluateCrossChecks } from './cross-checks';
import type { FormDefinition } from './form-definition';

const treasury = {
  code: 'B11',
  title: { vi: 'Biểu 11', en: 'Form 11' },
  entryUnitKinds: ['treasury_district'],
  optionSets: [],
  sections: [
    {
      code: 'S1',
      title: { vi: 'Giải ngân', en: 'Disbursed' },
      layout: 'list',
      fields: [
        {
          code: 'chi_cs4',
          label: { vi: 'Chi CS4', en: 'CS4' },
          type: 'decimal',
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
        {
          code: 'chi_cs5',
          label: { vi: 'Chi CS5', en: 'CS5' },
          type: 'decimal',
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
      ],
    },
  ],
  rules: [
    {
      code: 'doi_chieu_cs4',
      left: '#{chi_cs4}',
      operator: '=',
      right: '#{B03:tien_chi}',
      tolerance: 0.5,
      severity: 'warning',
      message: { vi: 'Kho bạc và Phòng LĐTBXH lệch nhau (CS4)', en: 'Treasury and labour office differ (policy 4)' },
    },
    {
      code: 'doi_chieu_cs5',
      left: '#{chi_cs5}',
      operator: '=',
      right: '#{B04:tien_chi}',
      tolerance: 0.5,
      severity: 'warning',
      message: { vi: 'Lệch (CS5)', en: 'Differ (policy 5)' },
    },
    {
      code: 'trong_bieu',
      left: '#{chi_cs4}',
      operator: '>=',
      right: '0',
      severity: 'error',
      message: { vi: 'Không âm', en: 'Not negative' },
    },
  ],
} as unknown as FormDefinition;

describe('cross-source checks', () => {
  it('names the other forms a rule reads, none for an in-form rule', () => {
    expect(treasury.rules.map(crossFormsOf)).toEqual([['B03'], ['B04'], []]);
  });

  it('passes within the tolerance, fails beyond it, and is skipped while a source has no figure', () => {
    const checks = evaluateCrossChecks(
      treasury,
      { chi_cs4: 120.3, chi_cs5: 80 },
      new Map([['B03', { tien_chi: 120 }]]),
    );
    expect(checks.map((c) => [c.code, c.status, c.difference])).toEqual([
      ['doi_chieu_cs4', 'pass', 0.3],
      ['doi_chieu_cs5', 'skipped', null],
    ]);
    const off = evaluateCrossChecks(treasury, { chi_cs4: 125 }, new Map([['B03', { tien_chi: 120 }]]));
    expect(off[0]).toMatchObject({ status: 'fail', left: 125, right: 120, difference: 5, forms: ['B03'] });
  });
});
