import type { FederationLinkView } from '@baocao/domain';
import { describe, expect, it } from 'vitest';
import { federationFieldOf, type LinkFormValues, linkFormValuesOf, linkInputOf } from './federation-mapping';

const link: FederationLinkView = {
  id: 7,
  name: 'Liên thông lên Chính phủ',
  targetUrl: 'https://baocao.chinhphu.example',
  unitIds: [2],
  forms: [
    { formId: 12, regimeCode: 'CD-LD', formCode: 'B03', code: 'CP/B03G', cells: { nhan: 'tiep_nhan' } },
    { formId: 13, regimeCode: 'CD-LD', formCode: 'B04', code: 'CD-LD/B04', cells: {} },
  ],
  indicators: [
    { indicatorId: 4, indicatorCode: 'BS10K', code: 'YT-BS10K' },
    { indicatorId: 5, indicatorCode: 'DS', code: 'DS' },
  ],
  unitCodes: { T1: 'HG' },
  active: true,
  consecutiveFailures: 0,
  lastError: null,
  nextAttemptAt: '2026-12-06T10:00:00.000Z',
  createdAt: '2026-12-06T10:00:00.000Z',
  updatedAt: '2026-12-06T10:00:00.000Z',
  outbox: { pending: 0, sent: 3, rejected: 0, lastSentAt: '2026-12-06T10:00:00.000Z' },
};

describe('the federation link form', () => {
  it('shows a link as rows, the same codes left blank, and no token', () => {
    expect(linkFormValuesOf(link)).toEqual({
      name: 'Liên thông lên Chính phủ',
      targetUrl: 'https://baocao.chinhphu.example',
      active: true,
      unitIds: [2],
      forms: [
        { formId: 12, code: 'CP/B03G', cells: [{ from: 'nhan', to: 'tiep_nhan' }] },
        { formId: 13, code: undefined, cells: [] },
      ],
      indicators: [
        { indicatorId: 4, code: 'YT-BS10K' },
        { indicatorId: 5, code: undefined },
      ],
      unitCodes: [{ from: 'T1', to: 'HG' }],
    });
  });

  it('sends the rows back as the API’s mappings, trimmed, blank rows and a blank token left out', () => {
    const values: LinkFormValues = {
      name: '  Liên thông  ',
      targetUrl: ' https://gov.example ',
      token: '   ',
      active: false,
      unitIds: [2, 3],
      forms: [
        {
          regimeId: 1,
          formId: 12,
          code: ' CP/B03G ',
          cells: [
            { from: ' nhan ', to: 'tiep_nhan' },
            { from: '', to: '' },
          ],
        },
        { regimeId: 1, formId: 13, code: '', cells: [] },
      ],
      indicators: [{ indicatorId: 4, code: 'YT-BS10K' }, { indicatorId: 5 }],
      unitCodes: [{ from: 'T1', to: ' HG ' }],
    };
    expect(linkInputOf(values)).toEqual({
      name: 'Liên thông',
      targetUrl: 'https://gov.example',
      active: false,
      unitIds: [2, 3],
      forms: [{ formId: 12, code: 'CP/B03G', cells: { nhan: 'tiep_nhan' } }, { formId: 13 }],
      indicators: [{ indicatorId: 4, code: 'YT-BS10K' }, { indicatorId: 5 }],
      unitCodes: { T1: 'HG' },
    });
    expect(linkInputOf({ ...values, token: ' bct_0123456789 ' }).token).toBe('bct_0123456789');
  });

  it('puts a server error beside the input it names, or under the section of a whole list', () => {
    const values = linkFormValuesOf(link);
    expect(federationFieldOf('targetUrl', values)).toEqual({ name: ['targetUrl'] });
    expect(federationFieldOf('unitIds.0', values)).toEqual({ name: ['unitIds'] });
    expect(federationFieldOf('forms.1.formId', values)).toEqual({ name: ['forms', 1, 'formId'] });
    expect(federationFieldOf('forms.0.code', values)).toEqual({ name: ['forms', 0, 'code'] });
    expect(federationFieldOf('forms.0.cells.nhan', values)).toEqual({ name: ['forms', 0, 'cells', 0, 'to'] });
    expect(federationFieldOf('/forms/0/cells/nhan', values)).toEqual({ name: ['forms', 0, 'cells', 0, 'to'] });
    expect(federationFieldOf('forms', values)).toEqual({ section: 'forms' });
    expect(federationFieldOf('forms.9.formId', values)).toEqual({ section: 'forms' });
    expect(federationFieldOf('indicators.1.code', values)).toEqual({ name: ['indicators', 1, 'code'] });
    expect(federationFieldOf('indicators.0.indicatorId', values)).toEqual({ name: ['indicators', 0, 'indicatorId'] });
    expect(federationFieldOf('unitCodes.T1', values)).toEqual({ name: ['unitCodes', 0, 'to'] });
    expect(federationFieldOf('unitCodes.X9', values)).toEqual({ section: 'unitCodes' });
    expect(federationFieldOf('extra', values)).toBeNull();
    expect(federationFieldOf(null, values)).toBeNull();
  });
});
