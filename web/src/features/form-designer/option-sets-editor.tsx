import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type FormDefinition, type FormProblem, formFields, type OptionSet } from '@baocao/domain';
import { Button, Card, Col, Empty, Flex, Input, Popconfirm, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { moveItem, newLabelledItem, problemsUnder, removeItem, replaceItem, uniqueCode } from './definition-editing';
import { AddItemButton, OrderButtons } from './order-buttons';

/**
 * Option sets: the choices of a choice field, or the groups a disaggregated field is split by
 * (beneficiary group, sex, age band), one cell per option.
 */
export function OptionSetsEditor({
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
  const setSet = (index: number, set: OptionSet) =>
    onChange({ ...form, optionSets: replaceItem(form.optionSets, index, set) });
  const usedBy = (code: string) =>
    formFields(form)
      .filter((f) => f.optionSet === code || f.disaggregation === code)
      .map((f) => f.code);

  return (
    <Flex vertical gap={16} data-testid="option-sets-editor">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('regimes.designer.optionSets.hint')}
      </Typography.Paragraph>
      {form.optionSets.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regimes.designer.optionSets.empty')} />
      ) : null}
      {form.optionSets.map((set, index) => {
        const own = problemsUnder(problems, `optionSets.${index}`);
        const users = usedBy(set.code);
        return (
          <Card
            // biome-ignore lint/suspicious/noArrayIndexKey: option sets are edited in place (codes change as typed)
            key={index}
            id={`designer-option-set-${index}`}
            size="small"
            title={
              <Flex gap={8} align="center">
                <Typography.Text code>{set.code}</Typography.Text>
                <Typography.Text style={{ fontWeight: 400 }}>{set.label[language] || set.label.vi}</Typography.Text>
              </Flex>
            }
            extra={
              readOnly ? null : (
                <Popconfirm
                  title={t('regimes.designer.optionSets.removeConfirm', { count: users.length })}
                  okText={t('regimes.remove')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => onChange({ ...form, optionSets: removeItem(form.optionSets, index) })}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('regimes.remove')} />
                </Popconfirm>
              )
            }
            data-testid={`option-set-${index}`}
          >
            <Row gutter={12}>
              <Col xs={24} md={6}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('regimes.designer.code')}
                </Typography.Text>
                <Input
                  value={set.code}
                  onChange={(e) => setSet(index, { ...set, code: e.target.value.trim() })}
                  readOnly={readOnly}
                  style={{ fontFamily: 'monospace' }}
                  aria-label={t('regimes.designer.optionSets.code')}
                  data-testid={`option-set-${index}-code`}
                />
              </Col>
              <Col xs={24} md={9}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('regimes.designer.titleVi')}
                </Typography.Text>
                <Input
                  value={set.label.vi}
                  onChange={(e) => setSet(index, { ...set, label: { ...set.label, vi: e.target.value } })}
                  readOnly={readOnly}
                  data-testid={`option-set-${index}-label`}
                />
              </Col>
              <Col xs={24} md={9}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('regimes.designer.titleEn')}
                </Typography.Text>
                <Input
                  value={set.label.en}
                  onChange={(e) => setSet(index, { ...set, label: { ...set.label, en: e.target.value } })}
                  readOnly={readOnly}
                />
              </Col>
            </Row>
            <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>
              {t('regimes.designer.optionSets.options')}
            </Typography.Text>
            <Flex vertical gap={4} style={{ marginTop: 4 }}>
              {set.options.map((option, optionIndex) => (
                <Flex
                  // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place and reordered only by the buttons
                  key={optionIndex}
                  gap={4}
                  align="center"
                >
                  <Input
                    size="small"
                    value={option.code}
                    onChange={(e) =>
                      setSet(index, {
                        ...set,
                        options: replaceItem(set.options, optionIndex, { ...option, code: e.target.value.trim() }),
                      })
                    }
                    readOnly={readOnly}
                    style={{ width: 140, fontFamily: 'monospace' }}
                    aria-label={`${t('regimes.designer.code')} ${optionIndex + 1}`}
                    data-testid={`option-set-${index}-option-${optionIndex}-code`}
                  />
                  <Input
                    size="small"
                    value={option.label.vi}
                    onChange={(e) =>
                      setSet(index, {
                        ...set,
                        options: replaceItem(set.options, optionIndex, {
                          ...option,
                          label: { ...option.label, vi: e.target.value },
                        }),
                      })
                    }
                    readOnly={readOnly}
                    placeholder={t('regimes.designer.labelVi')}
                    style={{ flex: 1 }}
                    data-testid={`option-set-${index}-option-${optionIndex}-label`}
                  />
                  <Input
                    size="small"
                    value={option.label.en}
                    onChange={(e) =>
                      setSet(index, {
                        ...set,
                        options: replaceItem(set.options, optionIndex, {
                          ...option,
                          label: { ...option.label, en: e.target.value },
                        }),
                      })
                    }
                    readOnly={readOnly}
                    placeholder={t('regimes.designer.labelEn')}
                    style={{ flex: 1 }}
                  />
                  <OrderButtons
                    index={optionIndex}
                    count={set.options.length}
                    onMove={(delta) => setSet(index, { ...set, options: moveItem(set.options, optionIndex, delta) })}
                    onRemove={() => setSet(index, { ...set, options: removeItem(set.options, optionIndex) })}
                    canRemove={set.options.length > 1}
                    disabled={readOnly}
                    label={option.code}
                  />
                </Flex>
              ))}
              <AddItemButton
                readOnly={readOnly}
                onClick={() =>
                  setSet(index, {
                    ...set,
                    options: [
                      ...set.options,
                      newLabelledItem('lc', set.options, t('regimes.designer.optionSets.newOption')),
                    ],
                  })
                }
                testId={`option-set-${index}-add-option`}
              >
                {t('regimes.designer.optionSets.addOption')}
              </AddItemButton>
            </Flex>
            {users.length > 0 ? (
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
                {t('regimes.designer.optionSets.usedBy', { fields: users.join(', ') })}
              </Typography.Text>
            ) : null}
            {own.map((problem) => (
              <Typography.Text
                key={`${problem.path}-${problem.code}`}
                type={problem.severity === 'error' ? 'danger' : 'warning'}
                style={{ display: 'block', fontSize: 13 }}
              >
                {problem.message[language]}
              </Typography.Text>
            ))}
          </Card>
        );
      })}
      {readOnly ? null : (
        <div>
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              onChange({
                ...form,
                optionSets: [
                  ...form.optionSets,
                  {
                    code: uniqueCode(
                      `danh_muc_${form.optionSets.length + 1}`,
                      form.optionSets.map((s) => s.code),
                    ),
                    label: { vi: t('regimes.designer.optionSets.newSet'), en: '' },
                    options: [
                      { code: 'lc1', label: { vi: `${t('regimes.designer.optionSets.newOption')} 1`, en: '' } },
                      { code: 'lc2', label: { vi: `${t('regimes.designer.optionSets.newOption')} 2`, en: '' } },
                    ],
                  },
                ],
              })
            }
            data-testid="add-option-set"
          >
            {t('regimes.designer.optionSets.add')}
          </Button>
        </div>
      )}
    </Flex>
  );
}
