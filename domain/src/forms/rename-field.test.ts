import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, resolverFromRecord } from '../expressions/evaluator';
import { parseExpression } from '../expressions/parser';
import type { FormDefinition } from './form-definition';
import { renameFieldReferences, renameReferencesIn } from './rename-field';

describe('renameReferencesIn', () => {
  it('rewrites the field and its options, not other fields, other forms or text', () => {
    const { text, count } = renameReferencesIn(
      'sum(#{nhan}, #{nhan.nu}) + #{nhan_moi} + #{B03:nhan} + coalesce(#{ghi_chu}, "#{nhan}")',
      'nhan',
      'tiep_nhan',
    );
    expect(text).toBe(
      'sum(#{tiep_nhan}, #{tiep_nhan.nu}) + #{nhan_moi} + #{B03:nhan} + coalesce(#{ghi_chu}, "#{nhan}")',
    );
    expect(count).toBe(2);
  });

  it('leaves a text that does not parse as it is', () => {
    expect(renameReferencesIn('#{nhan} + (', 'nhan', 'x')).toEqual({ text: '#{nhan} + (', count: 0 });
  });

  it('an expression means the same after the rename, given the same values under the new code', () => {
    const code = fc.constantFrom('a', 'b', 'c');
    const term = fc.tuple(code, fc.integer({ min: -5, max: 5 })).map(([c, n]) => `#{${c}} * ${n}`);
    fc.assert(
      fc.property(
        fc.array(term, { minLength: 1, maxLength: 6 }),
        fc.dictionary(code, fc.integer()),
        (terms, values) => {
          const source = terms.join(' + ');
          const renamed = renameReferencesIn(source, 'a', 'z').text;
          const before = evaluate(parseExpression(source), resolverFromRecord(values));
          const { a, ...rest } = values;
          const after = evaluate(parseExpression(renamed), resolverFromRecord({ ...rest, z: a }));
          expect(after).toBe(before);
          expect(renamed).not.toMatch(/#\{a\}/);
        },
      ),
    );
  });
});

describe('renameFieldReferences', () => {
  const form: FormDefinition = {
    code: 'B01',
    title: { vi: 'Biểu', en: 'Form' },
    entryUnitKinds: ['ubnd_commune'],
    optionSets: [],
    sections: [
      {
        code: 'S1',
        title: { vi: 'Mục', en: 'Section' },
        layout: 'list',
        fields: [
          { code: 'nhan', label: { vi: 'Nhận', en: 'Received' }, type: 'integer' },
          { code: 'duyet', label: { vi: 'Duyệt', en: 'Approved' }, type: 'integer' },
          {
            code: 'ty_le',
            label: { vi: 'Tỷ lệ', en: 'Rate' },
            type: 'percent',
            expression: 'round(#{duyet} / #{nhan} * 100, 1)',
          },
        ],
      },
    ],
    rules: [
      {
        code: 'R1',
        left: '#{duyet}',
        operator: '<=',
        right: '#{nhan}',
        severity: 'error',
        message: { vi: 'Duyệt ≤ nhận', en: 'Approved ≤ received' },
      },
    ],
  } as unknown as FormDefinition;

  it('rewrites computed fields and rules, and counts the references', () => {
    const { form: renamed, count } = renameFieldReferences(form, 'nhan', 'so_nhan');
    expect(count).toBe(2);
    expect(renamed.sections[0]!.fields[2]!.expression).toBe('round(#{duyet} / #{so_nhan} * 100, 1)');
    expect(renamed.rules[0]).toMatchObject({ left: '#{duyet}', right: '#{so_nhan}' });
  });

  it('returns the same definition when nothing refers to the field', () => {
    expect(renameFieldReferences(form, 'ty_le', 'rate')).toEqual({ form, count: 0 });
    expect(renameFieldReferences(form, 'nhan', 'nhan').form).toBe(form);
  });
});
