import { type CellValues, computeFields, type FormDefinition } from '@baocao/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ReportGrid } from '../../components/report-grid/report-grid';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { consolidationQueryKey } from '../../reporting/query-keys';
import { type ReportKey, reportQueryKey, saveDraft } from '../../reporting/reports.api';

interface OwnEntriesDrawerProps {
  open: boolean;
  reportKey: ReportKey;
  form: FormDefinition;
  /** The unit's own entries as last saved, and the draft version they were read at. */
  values: CellValues;
  draftVersion: number;
  onClose: () => void;
}

/** Edits a consolidating unit's own entries (figures it reports itself, added to its children's). */
export function OwnEntriesDrawer(props: OwnEntriesDrawerProps) {
  return props.open ? <OwnEntriesEditor {...props} /> : null;
}

function OwnEntriesEditor({ reportKey, form, values: initial, draftVersion, onClose }: OwnEntriesDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const client = useQueryClient();
  const [values, setValues] = useState<CellValues>(initial);
  const [conflict, setConflict] = useState<string | null>(null);
  const shown = useMemo(() => computeFields(form, values), [form, values]);

  const refresh = () => {
    void client.invalidateQueries({ queryKey: consolidationQueryKey });
    void client.invalidateQueries({ queryKey: reportQueryKey(reportKey) });
  };

  const save = useMutation({
    mutationFn: () => saveDraft(reportKey, { values, comments: {}, isNil: false, baseVersion: draftVersion }),
    onSuccess: () => {
      void message.success(t('consolidation.own.saved'));
      refresh();
      // The server recomputes the live figures within a second; fetch them again once it has.
      setTimeout(refresh, 1_500);
      onClose();
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409 && error.code === 'CONFLICT') {
        setConflict(error.message);
        refresh();
      } else notifyError(error, t('consolidation.own.failed'));
    },
  });

  return (
    <Drawer
      open
      size={960}
      title={t('consolidation.own.edit')}
      onClose={onClose}
      destroyOnHidden
      data-testid="own-entries-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            disabled={!!conflict}
            onClick={() => save.mutate()}
            data-testid="own-entries-save"
          >
            {t('consolidation.own.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('consolidation.own.editHint')}</Typography.Paragraph>
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={conflict}
          description={t('consolidation.own.conflict')}
          action={
            <Button
              size="small"
              onClick={() => {
                setValues(initial);
                setConflict(null);
              }}
              data-testid="own-entries-reload"
            >
              {t('consolidation.own.reload')}
            </Button>
          }
          data-testid="own-entries-conflict"
        />
      ) : null}
      <ReportGrid
        form={form}
        values={shown}
        onChange={(changes) => setValues((current) => ({ ...current, ...changes }))}
        data-testid="own-entries-grid"
      />
    </Drawer>
  );
}
