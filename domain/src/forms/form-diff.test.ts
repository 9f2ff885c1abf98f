import { describe, expect, it } from 'vitest';
import type { FormDefinition } from './form-definition';
import { diffFormDefinitions } from './form-diff';

const base: FormDefinition = {
  code: 'B08',
  title: { vi: 'Hộ kinh doanh', en: 'Household businesses' },
  entryUnitKinds: ['ubnd_district'],
  sections: [
    {
      code: 's1',
      title: { vi: 'Phần 1', en: 'Part 1' },
      layout: 'list',
      fields: [
        {
          code: 'nhan',
          label: { vi: 'Nhận', en: 'Received' },
          type: 'integer',
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
        {
          code: 'duyet',
          label: { vi: 'Duyệt', en: 'Approved' },
          type: 'integer',
          aggregation: { hierarchy: 'sum', time: 'last' },
        },
      ],
    },
  ],
  optionSets: [],
  rules: [
    {
      code: 'r1',
      left: '#{duyet}',
      operator: '<=',
      right: '#{nhan}',
      severity: 'error',
      message: { vi: 'Duyệt ≤ nhận', en: 'Approved ≤ received' },
    },
  ],
};

describe('diffFormDefinitions', () => {
  it('finds nothing between equal versions, whatever the key order', () => {
    const copy = JSON.parse(JSON.stringify(base)) as FormDefinition;
    copy.sections[0]!.fields[0] = {
      aggregation: { time: 'last', hierarchy: 'sum' },
      type: 'integer',
      label: { en: 'Received', vi: 'Nhận' },
      code: 'nhan',
    };
    const diff = diffFormDefinitions(base, copy);
    expect(diff.changed).toBe(false);
  });

  it('lists added, removed and changed fields and rules with before and after', () => {
    const next = JSON.parse(JSON.stringify(base)) as FormDefinition;
    const fields = next.sections[0]!.fields;
    fields[0] = { ...fields[0]!, label: { vi: 'Hồ sơ nhận', en: 'Applications received' }, max: 1000 };
    fields.splice(1, 1);
    fields.push({
      code: 'chi',
      label: { vi: 'Chi', en: 'Paid' },
      type: 'money',
      aggregation: { hierarchy: 'sum', time: 'last' },
    });
    next.rules = [{ ...next.rules[0]!, code: 'r2', left: '#{chi}', right: '1000' }];
    next.title = { vi: 'Biểu 08', en: 'Form 08' };
    const diff = diffFormDefinitions(base, next);
    expect(diff.changed).toBe(true);
    expect(diff.form.map((c) => c.property)).toEqual(['title']);
    expect(diff.fields.added.map((f) => f.code)).toEqual(['chi']);
    expect(diff.fields.removed.map((f) => f.code)).toEqual(['duyet']);
    expect(diff.fields.changed).toEqual([
      {
        code: 'nhan',
        label: { vi: 'Hồ sơ nhận', en: 'Applications received' },
        changes: [
          {
            property: 'label',
            before: { vi: 'Nhận', en: 'Received' },
            after: { vi: 'Hồ sơ nhận', en: 'Applications received' },
          },
          { property: 'max', before: null, after: 1000 },
        ],
      },
    ]);
    expect(diff.rules.added.map((r) => r.code)).toEqual(['r2']);
    expect(diff.rules.removed.map((r) => r.code)).toEqual(['r1']);
  });

  it('notices a field moved to another section, and moved sections', () => {
    const next = JSON.parse(JSON.stringify(base)) as FormDefinition;
    const moved = next.sections[0]!.fields.pop()!;
    next.sections.unshift({ code: 's0', title: { vi: 'Phần 0', en: 'Part 0' }, layout: 'list', fields: [moved] });
    const diff = diffFormDefinitions(base, next);
    expect(diff.sections.added.map((s) => s.code)).toEqual(['s0']);
    expect(diff.sections.changed).toEqual([]);
    expect(diff.fields.changed).toEqual([
      { code: 'duyet', label: moved.label, changes: [{ property: 'section', before: 's1', after: 's0' }] },
    ]);
  });

  it('counts everything as added for a first version', () => {
    const diff = diffFormDefinitions(null, base);
    expect(diff.fields.added.map((f) => f.code)).toEqual(['nhan', 'duyet']);
    expect(diff.rules.added).toHaveLength(1);
    expect(diff.form).toEqual([]);
  });
});
