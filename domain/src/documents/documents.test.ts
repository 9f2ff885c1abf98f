import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentDefinition } from '../api/documents';
import {
  allowedPlaceholders,
  changePercent,
  documentChanges,
  documentNumber,
  fillPlaceholders,
  formatNumberVi,
  placeDateLine,
  placeholdersIn,
  templateProblems,
} from './documents';

const definition = (narrative: string, extra: Partial<DocumentDefinition> = {}): DocumentDefinition => ({
  periodType: 'month',
  issuer: { governingBody: 'BỘ LAO ĐỘNG', agency: 'CỤC BẢO TRỢ XÃ HỘI' },
  symbol: 'BC-BTXH',
  place: 'Hà Nội',
  title: 'Báo cáo tháng {ky_bao_cao}',
  narrative,
  values: [{ key: 'tong_nguoi_ho_tro', field: '1:nguoi_chi', label: 'Người được hỗ trợ' }],
  tables: [],
  charts: [],
  compliance: false,
  recipients: [{ name: 'Văn phòng Chính phủ' }],
  signer: { authority: 'KT. CỤC TRƯỞNG', position: 'PHÓ CỤC TRƯỞNG', name: 'Nguyễn Văn A' },
  ...extra,
});

describe('template placeholders', () => {
  it('accepts the figures, their derived names and the built-in ones', () => {
    const d = definition(
      'Tổng số {tong_nguoi_ho_tro}, kỳ trước {tong_nguoi_ho_tro_ky_truoc}, tăng {tang_giam_pct}% tại {don_vi}.',
    );
    expect(templateProblems(d)).toEqual([]);
  });

  it('names every unknown placeholder and the field it is in', () => {
    const d = definition('Tổng số {tong_nguoi} và {khong_co}.', { title: 'Tháng {thang}' });
    expect(templateProblems(d)).toEqual([
      { field: 'definition.title', problem: 'unknown_placeholder', name: 'thang' },
      { field: 'definition.narrative', problem: 'unknown_placeholder', name: 'tong_nguoi' },
      { field: 'definition.narrative', problem: 'unknown_placeholder', name: 'khong_co' },
    ]);
  });

  it('allows compliance figures only when the template holds compliance', () => {
    expect(templateProblems(definition('{so_don_vi_dung_han}'))).toHaveLength(1);
    expect(templateProblems(definition('{so_don_vi_dung_han}', { compliance: true }))).toEqual([]);
  });

  it('refuses a figure named twice', () => {
    const v = { key: 'a_b', field: '1:x', label: 'x' };
    expect(templateProblems(definition('x', { values: [v, v] }))).toEqual([
      { field: 'definition.values.1.key', problem: 'duplicate_key', name: 'a_b' },
    ]);
  });

  it('fills every allowed placeholder, leaving the text around it (property)', () => {
    const d = definition('x');
    const names = [...allowedPlaceholders(d)];
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...names).map((n) => `{${n}}`),
            fc.string().map((s) => s.replace(/[{}]/g, '')),
          ),
          {
            maxLength: 12,
          },
        ),
        (parts) => {
          const text = parts.join('');
          const filled = fillPlaceholders(text, Object.fromEntries(names.map((n) => [n, '7'])));
          expect(placeholdersIn(filled)).toEqual([]);
        },
      ),
    );
  });
});

describe('numbers and dates', () => {
  it('writes numbers the Vietnamese way', () => {
    expect(formatNumberVi(1234567.5)).toBe('1.234.567,5');
    expect(formatNumberVi(-1000)).toBe('-1.000');
    expect(formatNumberVi(0.25)).toBe('0,25');
    expect(formatNumberVi(null)).toBe('…');
  });

  it('round-trips any integer through the grouping (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(Number(formatNumberVi(n).replaceAll('.', ''))).toBe(n);
      }),
    );
  });

  it('computes the change in percent, one decimal', () => {
    expect(changePercent(110, 100)).toBe(10);
    expect(changePercent(90, 120)).toBe(-25);
    expect(changePercent(5, 0)).toBeNull();
    expect(changePercent(null, 3)).toBeNull();
  });

  it('writes the place and date line and the number as Decree 30/2020 does', () => {
    expect(placeDateLine('Hà Nội', '2026-12-05')).toBe('Hà Nội, ngày 05 tháng 12 năm 2026');
    expect(placeDateLine('Huế', '2026-02-15')).toBe('Huế, ngày 15 tháng 02 năm 2026');
    expect(placeDateLine('Huế', '2026-03-15')).toBe('Huế, ngày 15 tháng 3 năm 2026');
    expect(documentNumber(5, 'BC-LĐTBXH')).toBe('05/BC-LĐTBXH');
    expect(documentNumber(123, 'BC-UBND')).toBe('123/BC-UBND');
  });
});

describe('differences between versions', () => {
  const content = (value: number | null, cell: number | null, revisionIds: number[]) => ({
    values: [{ key: 'a', label: 'Người', value }],
    tables: [
      { title: 'Biểu 1', columns: [{ label: 'Số người' }], rows: [{ code: 'HN', name: 'Hà Nội', cells: [cell] }] },
    ],
    revisionIds,
  });

  it('lists changed figures, cells and revisions', () => {
    expect(documentChanges(content(10, 4, [1, 2]), content(12, 5, [1, 3]))).toEqual([
      { kind: 'value', label: 'Người', before: 10, after: 12 },
      { kind: 'cell', label: 'Biểu 1 — Hà Nội — Số người', before: 4, after: 5 },
      { kind: 'revisions', label: 'revisions', before: 2, after: 2 },
    ]);
  });

  it('finds nothing between a version and itself (property)', () => {
    fc.assert(
      fc.property(
        fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
        fc.option(fc.integer()),
        fc.uniqueArray(fc.nat()),
        (v, c, ids) => {
          expect(documentChanges(content(v, c, ids), content(v, c, ids))).toEqual([]);
        },
      ),
    );
  });
});
