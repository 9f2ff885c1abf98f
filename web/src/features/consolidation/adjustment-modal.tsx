import { type CellValues, type FormDefinition, isNumericType } from '@baocao/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFieldError, whenValid } from '../../components/field-errors';
import { formatViNumber, parseViNumber } from '../../components/report-grid/cell-values';
import { buildGridLayout, cellLabel } from '../../components/report-grid/grid-layout';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { consolidationQueryKey } from '../../reporting/query-keys';
import { languageOf } from '../../reporting/report-labels';
import type { ReportKey } from '../../reporting/reports.api';
import { addAdjustment } from './consolidation.api';

interface AdjustmentForm {
  cellKey: string;
  delta: string;
  reason: string;
}

/**
 * An explicit, justified correction of a consolidated figure (e.g. a unit that
 * reported on paper): a signed amount added to the cell, with the reason — shown
 * apart from the children's figures and audited.
 */
export function AdjustmentModal(props: AdjustmentModalProps) {
  return props.open ? <AdjustmentDialog {...props} /> : null;
}

interface AdjustmentModalProps {
  open: boolean;
  reportKey: ReportKey;
  form: FormDefinition;
  values: CellValues;
  initialCell: string | null;
  onClose: () => void;
}

function AdjustmentDialog({ reportKey, form, values, initialCell, onClose }: AdjustmentModalProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const client = useQueryClient();
  const [fields] = Form.useForm<AdjustmentForm>();
  const cellKey = Form.useWatch('cellKey', fields);
  const layout = buildGridLayout(form);
  const options = layout.inputKeys
    .filter((key) => isNumericType(layout.cells.get(key)!.field.type))
    .map((key) => ({ value: key, label: cellLabel(form, key, language) }));
  const save = useMutation({
    mutationFn: (input: AdjustmentForm) =>
      addAdjustment(reportKey, {
        cellKey: input.cellKey,
        delta: parseViNumber(input.delta) ?? 0,
        reason: input.reason.trim(),
      }),
    onSuccess: () => {
      void message.success(t('consolidation.adjustments.saved'));
      void client.invalidateQueries({ queryKey: consolidationQueryKey });
      onClose();
    },
    onError: (error) => {
      if (!showFieldError(fields, error, ['cellKey', 'delta', 'reason'])) notifyError(error);
    },
  });
  const current = cellKey ? values[cellKey] : undefined;
  return (
    <Modal
      open
      title={t('consolidation.adjustments.create')}
      okText={t('consolidation.adjustments.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending }}
      onCancel={onClose}
      onOk={() => whenValid(fields, (input) => save.mutate(input))}
      destroyOnHidden
      data-testid="adjustment-modal"
    >
      <Typography.Paragraph type="secondary">{t('consolidation.adjustments.hint')}</Typography.Paragraph>
      <Form<AdjustmentForm>
        form={fields}
        layout="vertical"
        preserve={false}
        initialValues={{ cellKey: initialCell ?? undefined, delta: '', reason: '' }}
      >
        <Form.Item
          name="cellKey"
          label={t('consolidation.adjustments.cell')}
          rules={[{ required: true, message: t('common.required') }]}
          extra={
            typeof current === 'number'
              ? t('consolidation.adjustments.current', { value: formatViNumber(current) })
              : undefined
          }
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} data-testid="adjustment-cell" />
        </Form.Item>
        <Form.Item
          name="delta"
          label={t('consolidation.adjustments.delta')}
          extra={t('consolidation.adjustments.deltaHint')}
          rules={[
            { required: true, message: t('common.required') },
            {
              validator: (_, value: string) => {
                const parsed = parseViNumber(value ?? '');
                return parsed === null || Number.isNaN(parsed) || parsed === 0
                  ? Promise.reject(new Error(t('consolidation.adjustments.deltaInvalid')))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <Input inputMode="decimal" placeholder="+1.250 / -3,5" data-testid="adjustment-delta" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('consolidation.adjustments.reason')}
          rules={[
            { required: true, whitespace: true, message: t('common.reasonRequired') },
            { min: 3, message: t('common.reasonRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="adjustment-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
