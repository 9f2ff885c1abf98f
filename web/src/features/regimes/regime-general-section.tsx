import { Col, DatePicker, Form, Input, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { UnitCodePicker } from '../../components/unit-code-picker';
import { RegimeSectionCard } from './regime-section-card';
import type { RegimeDetailView } from './regimes.api';
import '../../i18n/dayjs-locale';

const dateProps = {
  getValueProps: (value: string | null | undefined) => ({ value: value ? dayjs(value) : null }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null),
};

/** Code, owning agency, legal basis and validity of the regime. */
export function RegimeGeneralSection({ regime }: { regime: RegimeDetailView | null }) {
  const { t } = useTranslation();
  const isNew = regime === null;
  return (
    <RegimeSectionCard id="regime-general" title={t('regimes.editor.sectionGeneral')}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="code"
            label={t('regimes.editor.code')}
            extra={isNew ? t('regimes.editor.codeHint') : undefined}
            rules={[
              { required: true, message: t('common.required') },
              { pattern: /^[A-Za-z0-9._-]{1,40}$/, message: t('regimes.editor.codeInvalid') },
            ]}
          >
            <Input disabled={!isNew} data-testid="regime-code" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name="ownerUnitCode"
            label={t('regimes.editor.owner')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <UnitCodePicker
              knownNames={
                regime?.ownerUnitName ? { [regime.definition.ownerUnitCode]: regime.ownerUnitName } : undefined
              }
              aria-label={t('regimes.editor.owner')}
              data-testid="regime-owner"
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="legalBasis" label={t('regimes.editor.legalBasis')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="validFrom"
            label={t('regimes.editor.validFrom')}
            rules={[{ required: true, message: t('common.required') }]}
            {...dateProps}
          >
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="validTo"
            label={t('regimes.editor.validTo')}
            extra={t('regimes.editor.validToHint')}
            {...dateProps}
          >
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </RegimeSectionCard>
  );
}
