import { Col, ConfigProvider, Form, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DataWindowField } from './data-window-field';
import { RegimeFormsTable } from './regime-forms-table';
import { frequencies, useFrequencyLabel } from './regime-labels';
import { RegimeSectionCard } from './regime-section-card';
import type { RegimeDetailView } from './regimes.api';

const component = (number: number, label: string) => `${number}. ${label}`;

/**
 * The ten components of a reporting regime, numbered as Decree 09/2019/NĐ-CP lists them; its
 * forms among them. Frequency and data window are fixed once the regime is in force.
 */
export function RegimeComponentsSection({
  regime,
  readOnly,
  canManage,
}: {
  regime: RegimeDetailView | null;
  readOnly: boolean;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const frequencyLabel = useFrequencyLabel();
  const inForce = !!regime && regime.status !== 'draft';
  const lockedHint = inForce ? t('regimes.editor.lockedInForce') : undefined;
  return (
    <RegimeSectionCard id="regime-components" title={t('regimes.editor.sectionComponents')}>
      <Typography.Paragraph type="secondary">{t('regimes.editor.componentsHint')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name={['name', 'vi']}
            label={`${component(1, t('regimes.editor.name'))} (${t('regimes.editor.vietnamese')})`}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input maxLength={500} data-testid="regime-name-vi" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['name', 'en']} label={`${t('regimes.editor.name')} (${t('regimes.editor.english')})`}>
            <Input maxLength={500} data-testid="regime-name-en" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="content" label={component(2, t('regimes.editor.content'))}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item name="reportingUnits" label={component(3, t('regimes.editor.reportingUnits'))}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
      <Form.Item name="receivingAgency" label={component(4, t('regimes.editor.receivingAgency'))}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="sendingMethod" label={component(5, t('regimes.editor.sendingMethod'))}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
      </Form.Item>
      <Form.Item
        name="deadline"
        label={component(6, t('regimes.editor.deadline'))}
        extra={t('regimes.editor.deadlineHint')}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
      </Form.Item>
      <Form.Item
        name="frequency"
        label={component(7, t('regimes.editor.frequency'))}
        extra={lockedHint}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Select
          disabled={readOnly || inForce}
          options={frequencies.map((f) => ({ value: f, label: frequencyLabel(f) }))}
          style={{ maxWidth: 280 }}
          aria-label={t('regimes.editor.frequency')}
          data-testid="regime-frequency"
        />
      </Form.Item>
      <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
        {component(8, t('regimes.editor.dataWindowComponent'))}
      </Typography.Text>
      <DataWindowField disabled={readOnly || inForce} lockedHint={lockedHint} />
      <Form.Item
        name="outlineTemplate"
        label={component(9, t('regimes.editor.outlineTemplate'))}
        extra={t('regimes.editor.outlineHint')}
      >
        <Input.TextArea
          autoSize={{ minRows: 8, maxRows: 30 }}
          maxLength={20000}
          showCount
          style={{ fontFamily: "'Times New Roman', 'Noto Serif', serif", fontSize: 15 }}
          data-testid="regime-outline"
        />
      </Form.Item>
      <Form.Item label={t('regimes.editor.forms')} extra={t('regimes.editor.formsHint')}>
        {regime ? (
          // The forms have their own actions, enabled whatever the regime form's state.
          <ConfigProvider componentDisabled={false}>
            <RegimeFormsTable regime={regime} canManage={canManage} />
          </ConfigProvider>
        ) : (
          <Typography.Text type="secondary">{t('regimes.editor.formsAfterSave')}</Typography.Text>
        )}
      </Form.Item>
      <Form.Item name="procedure" label={component(10, t('regimes.editor.procedure'))}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
      </Form.Item>
    </RegimeSectionCard>
  );
}
