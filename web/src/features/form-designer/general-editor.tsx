import type { FormDefinition, FormProblem } from '@baocao/domain';
import { Col, Form, Input, Row } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitKindSelect } from '../../components/unit-kind-select';
import { problemsUnder } from './definition-editing';

/** The form's own properties: title, instructions for the officers who fill it, and who enters it. */
export function GeneralEditor({
  form,
  onChange,
  readOnly,
  problems,
}: {
  form: FormDefinition;
  onChange: (form: FormDefinition) => void;
  readOnly: boolean;
  problems: readonly FormProblem[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const status = (path: string): { validateStatus?: 'error' | 'warning'; help?: ReactNode } => {
    const found = problemsUnder(problems, path);
    if (found.length === 0) return {};
    return {
      validateStatus: found.some((p) => p.severity === 'error') ? 'error' : 'warning',
      help: found.map((p) => p.message[language]).join(' '),
    };
  };
  const instructions = form.instructions ?? { vi: '', en: '' };
  return (
    <Form layout="vertical" component="div" disabled={readOnly} data-testid="general-editor">
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Form.Item label={t('regimes.designer.general.code')} extra={t('regimes.designer.general.codeHint')}>
            <Input value={form.code} disabled style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={18}>
          <Form.Item label={t('regimes.designer.general.titleVi')} required {...status('title')}>
            <Input
              value={form.title.vi}
              onChange={(e) => onChange({ ...form, title: { ...form.title, vi: e.target.value } })}
              maxLength={500}
              data-testid="form-title-vi"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={{ span: 18, offset: 6 }}>
          <Form.Item label={t('regimes.designer.general.titleEn')}>
            <Input
              value={form.title.en}
              onChange={(e) => onChange({ ...form, title: { ...form.title, en: e.target.value } })}
              maxLength={500}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={t('regimes.designer.general.entryUnitKinds')}
        extra={t('regimes.designer.general.entryUnitKindsHint')}
        {...status('entryUnitKinds')}
      >
        <UnitKindSelect
          value={form.entryUnitKinds}
          onChange={(entryUnitKinds) => onChange({ ...form, entryUnitKinds })}
          disabled={readOnly}
          data-testid="form-entry-kinds"
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('regimes.designer.general.instructionsVi')}
            extra={t('regimes.designer.general.instructionsHint')}
            {...status('instructions')}
          >
            <Input.TextArea
              value={instructions.vi}
              onChange={(e) => onChange({ ...form, instructions: { ...instructions, vi: e.target.value } })}
              autoSize={{ minRows: 6, maxRows: 20 }}
              maxLength={500}
              showCount
              data-testid="form-instructions-vi"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('regimes.designer.general.instructionsEn')}>
            <Input.TextArea
              value={instructions.en}
              onChange={(e) => onChange({ ...form, instructions: { ...instructions, en: e.target.value } })}
              autoSize={{ minRows: 6, maxRows: 20 }}
              maxLength={500}
              showCount
            />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
