import { DownloadOutlined } from '@ant-design/icons';
import { type PeriodType, periodForDate } from '@baocao/domain';
import { useMutation } from '@tanstack/react-query';
import { App, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { PeriodPicker } from '../../components/period-picker';
import { UnitPicker } from '../../components/unit-picker';
import { todayInVietnam } from '../../i18n/format';
import { useSignedInMe } from '../auth/session';
import { downloadTemplate } from './form-designer.api';

/**
 * The Excel template of a version for a unit and a period, laid out like the printed form, for
 * officers who fill it offline and upload it.
 */
export function TemplateDownloadModal({
  versionId,
  versionNumber,
  frequency,
  onClose,
}: {
  versionId: number;
  versionNumber: number;
  frequency: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<number | undefined>(me.unit.id);
  const [period, setPeriod] = useState(() => periodForDate(frequency as PeriodType, todayInVietnam()).id);
  const download = useMutation({
    mutationFn: () => downloadTemplate(versionId, unitId!, period),
    onSuccess: (fileName) => {
      void message.success(t('regimes.designer.template.done', { fileName }));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('regimes.designer.template.title', { number: versionNumber })}
      okText={t('regimes.designer.template.download')}
      okButtonProps={{ icon: <DownloadOutlined />, disabled: !unitId, 'data-testid': 'template-download-ok' }}
      cancelText={t('common.cancel')}
      onOk={() => download.mutate()}
      onCancel={onClose}
      confirmLoading={download.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('regimes.designer.template.hint')}</Typography.Paragraph>
      <Form layout="vertical" component="div" data-testid="template-form">
        <Form.Item label={t('regimes.designer.template.unit')} required htmlFor="template-unit">
          <UnitPicker
            id="template-unit"
            value={unitId}
            onChange={(value) => setUnitId(typeof value === 'number' ? value : undefined)}
            knownUnits={[{ id: me.unit.id, name: me.unit.name, code: me.unit.code }]}
            data-testid="template-unit"
          />
        </Form.Item>
        <Form.Item label={t('regimes.designer.template.period')} required>
          <PeriodPicker
            type={frequency as PeriodType}
            value={period}
            onChange={setPeriod}
            data-testid="template-period"
          />
        </Form.Item>
      </Form>
      {download.isError ? <ErrorAlert error={download.error} /> : null}
    </Modal>
  );
}
