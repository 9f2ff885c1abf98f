import { Col, Form, Radio, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { UnitCodePicker } from '../../components/unit-code-picker';
import { UnitKindSelect, unitKindName } from '../../components/unit-kind-select';
import { RegimeSectionCard } from './regime-section-card';
import { useHierarchies } from './regimes.api';

/** Which hierarchy the reports follow, who enters, who consolidates, who receives, and late submissions. */
export function RegimeOrganisationSection({ enteringKinds }: { enteringKinds: string[] }) {
  const { t, i18n } = useTranslation();
  const hierarchies = useHierarchies();
  return (
    <RegimeSectionCard id="regime-organisation" title={t('regimes.editor.sectionOrganisation')}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="hierarchy"
            label={t('regimes.editor.hierarchy')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select
              loading={hierarchies.isPending}
              options={(hierarchies.data ?? []).map((h) => ({
                value: h.code,
                label: i18n.language === 'en' ? h.nameEn : h.nameVi,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="consolidationCounts"
            label={t('regimes.editor.consolidationCounts')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Radio.Group>
              <Radio value="submitted">{t('regimes.editor.countsSubmitted')}</Radio>
              <Radio value="accepted">{t('regimes.editor.countsAccepted')}</Radio>
            </Radio.Group>
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('regimes.editor.enteringLevels')} extra={t('regimes.editor.enteringHint')}>
            <Typography.Text data-testid="regime-entering-levels">
              {enteringKinds.length > 0
                ? enteringKinds.map((kind) => unitKindName(kind, i18n.language)).join('; ')
                : t('regimes.editor.noneYet')}
            </Typography.Text>
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="consolidatingUnitKinds"
            label={t('regimes.editor.consolidatingLevels')}
            extra={t('regimes.editor.consolidatingHint')}
          >
            <UnitKindSelect aria-label={t('regimes.editor.consolidatingLevels')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="recipientUnitCodes" label={t('regimes.editor.recipients')}>
            <UnitCodePicker multiple aria-label={t('regimes.editor.recipients')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="allowLateSubmission"
            label={t('regimes.editor.allowLate')}
            valuePropName="checked"
            extra={t('regimes.editor.allowLateHint')}
          >
            <Switch />
          </Form.Item>
        </Col>
      </Row>
    </RegimeSectionCard>
  );
}
