import { CloudUploadOutlined, DownloadOutlined, SendOutlined } from '@ant-design/icons';
import type { FormDefinition } from '@baocao/domain';
import { Alert, Button, Flex } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { FilePicker } from '../../components/file-picker';
import { cellLabel } from '../../components/report-grid/grid-layout';
import { Tooltip } from '../../components/tooltip';
import { Text } from '../../components/typography';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { useFeedback } from '../../components/use-feedback';
import { formatNumber } from '../../i18n/format';
import { languageOf } from '../../reporting/report-labels';
import { type ReportKey, type TemplateCellError, type UploadResult, uploadReport } from '../../reporting/reports.api';
import { downloadTemplate } from '../form-designer/form-designer.api';

const ExcelErrorsModal = lazy(() => import('./excel-errors-modal').then((m) => ({ default: m.ExcelErrorsModal })));

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface CellErrors {
  message: string;
  errors: TemplateCellError[];
}

function cellErrorsOf(error: unknown): CellErrors | null {
  if (!isApiError(error) || error.status !== 400) return null;
  const errors = (error.details as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) && errors.length > 0
    ? { message: error.message, errors: errors as TemplateCellError[] }
    : null;
}

/**
 * The report's Excel round trip: download the template of this form version for the unit and
 * period, fill it offline, upload it back as the draft (or submit it at once). An upload replaces
 * the draft, so what is waiting to be saved here is settled first and dropped after.
 */
export function ExcelActions({
  reportKey,
  form,
  versionId,
  disabled,
  canSubmit,
  submitBlocked,
  beforeUpload,
  onUploaded,
  onFailed,
}: {
  reportKey: ReportKey;
  form: FormDefinition;
  versionId: number;
  /** Read-only page: neither download nor upload. */
  disabled: boolean;
  /** Whether "Import and submit" is offered at all. */
  canSubmit: boolean;
  /** Why "Import and submit" is refused now (the window), if it is. */
  submitBlocked: string | null;
  beforeUpload: () => Promise<void>;
  onUploaded: (result: UploadResult) => Promise<void>;
  onFailed: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const { message } = useFeedback();
  const notifyError = useErrorNotifier();
  const [downloading, setDownloading] = useState(false);
  const [uploading, setUploading] = useState<'draft' | 'submit' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [cellErrors, setCellErrors] = useState<CellErrors | null>(null);

  const download = async () => {
    setDownloading(true);
    try {
      await downloadTemplate(versionId, reportKey.unitId, reportKey.period);
    } catch (error) {
      notifyError(error, t('reports.excel.downloadFailed'));
    } finally {
      setDownloading(false);
    }
  };

  const send = async (file: File, submit: boolean) => {
    setUploading(submit ? 'submit' : 'draft');
    setFailure(null);
    setCellErrors(null);
    try {
      await beforeUpload();
      const result = await uploadReport(reportKey, file, submit);
      await onUploaded(result);
      void message.success(t('reports.excel.uploaded', { cells: formatNumber(result.cells) }));
    } catch (error) {
      onFailed();
      const cells = cellErrorsOf(error);
      if (cells) setCellErrors(cells);
      else if (isApiError(error) && error.status > 0 && error.status < 500) setFailure(error.message);
      else notifyError(error, t('reports.excel.uploadFailed'));
    } finally {
      setUploading(null);
    }
  };

  const rows = (cellErrors?.errors ?? []).map((e, index) => ({
    ...e,
    key: `${e.cellKey}.${index}`,
    label: cellLabel(form, e.cellKey, language),
    text: (e.message[language] || e.message.vi).replace(/^(Ô|Cell) [A-Z]+[0-9]+: /, ''),
  }));

  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="excel-actions">
        <Button
          icon={<DownloadOutlined />}
          disabled={disabled}
          loading={downloading}
          onClick={() => void download()}
          data-testid="excel-download"
        >
          {t('reports.excel.download')}
        </Button>
        <span data-testid="excel-upload">
          <FilePicker
            accept={XLSX_ACCEPT}
            disabled={disabled || uploading !== null}
            onPick={(file) => void send(file, false)}
          >
            <Button icon={<CloudUploadOutlined />} disabled={disabled} loading={uploading === 'draft'}>
              {t('reports.excel.upload')}
            </Button>
          </FilePicker>
        </span>
        {canSubmit ? (
          <Tooltip title={submitBlocked ?? t('reports.excel.uploadSubmitHint')}>
            <span data-testid="excel-upload-submit">
              <FilePicker
                accept={XLSX_ACCEPT}
                disabled={disabled || !!submitBlocked || uploading !== null}
                onPick={(file) => void send(file, true)}
              >
                <Button icon={<SendOutlined />} disabled={disabled || !!submitBlocked} loading={uploading === 'submit'}>
                  {t('reports.excel.uploadSubmit')}
                </Button>
              </FilePicker>
            </span>
          </Tooltip>
        ) : null}
        {disabled ? null : (
          <Text type="secondary" style={{ fontSize: 12 }}>
            {t('reports.excel.hint')}
          </Text>
        )}
      </Flex>
      {failure ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setFailure(null) }}
          style={{ marginBottom: 12 }}
          title={t('reports.excel.uploadFailed')}
          description={failure}
          data-testid="excel-error"
        />
      ) : null}
      {cellErrors ? (
        <Suspense fallback={null}>
          <ExcelErrorsModal message={cellErrors.message} rows={rows} onClose={() => setCellErrors(null)} />
        </Suspense>
      ) : null}
    </>
  );
}
