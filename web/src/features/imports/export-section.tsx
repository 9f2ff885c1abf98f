import { DownloadOutlined } from '@ant-design/icons';
import { type PeriodType, periodForDate } from '@baocao/domain';
import { Alert, Button, Card, Checkbox, DatePicker, Flex, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PeriodPicker } from '../../components/period-picker';
import { UnitCodePicker } from '../../components/unit-code-picker';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { formatNumber, todayInVietnam } from '../../i18n/format';
import '../../i18n/dayjs-locale';
import { languageOf } from '../../reporting/report-labels';
import { useRegime, useRegimes } from '../regimes/regimes.api';
import { downloadExport, EXPORT_PAGE_REPORTS, type ImportFormat, importFormats } from './imports.api';

/** What the last download gave: its file, and the cursor of the next part when the export goes on. */
interface Downloaded {
  fileName: string;
  part: number;
  nextCursor: number | null;
}

function Field({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div style={{ flex: '1 1 220px', minWidth: 0 }}>
      <label htmlFor={htmlFor} style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * "Xuất dữ liệu": the reports the user sees, in any format the import reads (so a file exported
 * here imports again unchanged), filtered by regime and form, period, unit and "changed since",
 * downloaded in parts of at most 5,000 reports.
 */
export function ExportSection() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const notifyError = useErrorNotifier();
  const [format, setFormat] = useState<ImportFormat>('xlsx');
  const [regimeId, setRegimeId] = useState<number | null>(null);
  const [formId, setFormId] = useState<number | null>(null);
  const [onePeriod, setOnePeriod] = useState(false);
  const [periodId, setPeriodId] = useState<string | null>(null);
  const [unitCode, setUnitCode] = useState<string | null>(null);
  const [since, setSince] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [downloaded, setDownloaded] = useState<Downloaded | null>(null);
  const regimes = useRegimes({ q: '', status: 'active' }, 1, 100);
  const regime = useRegime(regimeId);
  const detail = regime.data?.id === regimeId ? regime.data : undefined;
  const frequency = detail?.definition.frequency as PeriodType | undefined;
  const form = detail?.forms.find((f) => f.id === formId) ?? null;

  // Any change of the filters starts a new export (a cursor belongs to its filters).
  const changed = <T,>(set: (value: T) => void) => {
    return (value: T) => {
      set(value);
      setDownloaded(null);
    };
  };

  const run = async (after: number, part: number) => {
    setBusy(true);
    try {
      const answer = await downloadExport(
        {
          format,
          formId,
          formCode: form?.code ?? null,
          periodId: onePeriod && frequency ? periodId : null,
          unitCode,
          since: since ? since.format('YYYY-MM-DD') : null,
        },
        after,
        part,
      );
      setDownloaded({ fileName: answer.fileName, part, nextCursor: answer.nextCursor });
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('imports.export.title')} style={{ marginBottom: 16 }} data-testid="export-section">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('imports.export.description')}</Typography.Text>
        <Flex gap={12} wrap align="flex-start">
          <Field label={t('imports.export.format')} htmlFor="export-format">
            <Select<ImportFormat>
              id="export-format"
              value={format}
              onChange={changed(setFormat)}
              style={{ width: '100%' }}
              options={importFormats.map((f) => ({ value: f, label: t(`imports.formats.${f}`) }))}
              data-testid="export-format"
            />
          </Field>
          <Field label={t('imports.export.regime')} htmlFor="export-regime">
            <Select<number>
              id="export-regime"
              value={regimeId ?? undefined}
              allowClear
              placeholder={t('imports.export.allRegimes')}
              loading={regimes.isPending}
              onChange={(value) => {
                setRegimeId(value ?? null);
                setFormId(null);
                setOnePeriod(false);
                setPeriodId(null);
                setDownloaded(null);
              }}
              style={{ width: '100%' }}
              popupMatchSelectWidth={false}
              options={(regimes.data?.items ?? []).map((r) => ({ value: r.id, label: r.name[language] }))}
              data-testid="export-regime"
            />
          </Field>
          <Field label={t('imports.export.form')} htmlFor="export-form">
            <Select<number>
              id="export-form"
              value={formId ?? undefined}
              allowClear
              disabled={!detail}
              placeholder={t('imports.export.allForms')}
              onChange={(value) => changed(setFormId)(value ?? null)}
              style={{ width: '100%' }}
              popupMatchSelectWidth={false}
              options={(detail?.forms ?? [])
                .filter((f) => f.publishedVersion !== null)
                .map((f) => ({ value: f.id, label: f.title ? `${f.code} — ${f.title[language]}` : f.code }))}
              data-testid="export-form"
            />
          </Field>
        </Flex>
        <Flex gap={12} wrap align="flex-start">
          <Field label={t('imports.export.period')} htmlFor="export-one-period">
            <Flex vertical gap={6}>
              <Checkbox
                id="export-one-period"
                checked={onePeriod}
                disabled={!frequency}
                onChange={(e) => {
                  setOnePeriod(e.target.checked);
                  if (e.target.checked && frequency && !periodId)
                    setPeriodId(periodForDate(frequency, todayInVietnam()).id);
                  setDownloaded(null);
                }}
                data-testid="export-one-period"
              >
                {frequency ? t('imports.export.onePeriod') : t('imports.export.periodNeedsRegime')}
              </Checkbox>
              {onePeriod && frequency && periodId ? (
                <PeriodPicker
                  type={frequency}
                  value={periodId}
                  onChange={changed(setPeriodId)}
                  data-testid="export-period"
                />
              ) : null}
            </Flex>
          </Field>
          <Field label={t('imports.export.unit')} htmlFor="export-unit">
            <UnitCodePicker
              id="export-unit"
              value={unitCode}
              onChange={(value) => changed(setUnitCode)(typeof value === 'string' ? value : null)}
              placeholder={t('imports.export.allUnits')}
              data-testid="export-unit"
            />
          </Field>
          <Field label={t('imports.export.since')} htmlFor="export-since">
            <DatePicker
              id="export-since"
              value={since}
              onChange={changed(setSince)}
              format="DD/MM/YYYY"
              placeholder={t('imports.export.sinceAny')}
              style={{ width: '100%' }}
              data-testid="export-since"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('imports.export.sinceHint')}
            </Typography.Text>
          </Field>
        </Flex>
        <div>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            loading={busy}
            onClick={() => void run(0, 1)}
            data-testid="export-download"
          >
            {t('imports.export.download')}
          </Button>
        </div>
        {downloaded ? (
          <Alert
            type={downloaded.nextCursor === null ? 'success' : 'info'}
            showIcon
            data-testid="export-result"
            title={
              downloaded.nextCursor === null
                ? t('imports.export.done', { file: downloaded.fileName })
                : t('imports.export.more', {
                    file: downloaded.fileName,
                    reports: formatNumber(EXPORT_PAGE_REPORTS),
                  })
            }
            action={
              downloaded.nextCursor === null ? undefined : (
                <Button
                  size="small"
                  loading={busy}
                  onClick={() => void run(downloaded.nextCursor!, downloaded.part + 1)}
                  data-testid="export-next"
                >
                  {t('imports.export.next', { part: downloaded.part + 1 })}
                </Button>
              )
            }
          />
        ) : null}
      </Flex>
    </Card>
  );
}
