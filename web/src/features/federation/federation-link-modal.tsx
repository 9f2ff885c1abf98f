import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FederationLinkView } from '@baocao/domain';
import {
  App,
  Button,
  Card,
  Col,
  Divider,
  Flex,
  Form,
  type FormInstance,
  type FormListFieldData,
  Input,
  Modal,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { MappingRows } from '../../components/mapping-rows';
import { UnitPicker } from '../../components/unit-picker';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useRegimeFormPicker } from '../connectors/connectors.api';
import { useIndicatorSearch, useSaveFederationLink } from './federation.api';
import { federationFieldOf, type LinkFormValues, linkFormValuesOf, linkInputOf } from './federation-mapping';

type Section = 'forms' | 'indicators' | 'unitCodes';

/**
 * Creates or edits a federation link: where to, with which token (write-only), what is forwarded
 * (units, forms with their cell codes, indicators) and the code mappings. The server's errors
 * show beside the field they name, or under the section they are about.
 */
export function FederationLinkModal({
  link,
  onClose,
  onSaved,
}: {
  /** Null to create one. */
  link: FederationLinkView | null;
  onClose: () => void;
  onSaved: (saved: FederationLinkView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LinkFormValues>();
  const creating = link === null;
  const save = useSaveFederationLink(link?.id ?? null);
  const [alertError, setAlertError] = useState<unknown>(null);
  const [sectionError, setSectionError] = useState<{ section: Section; message: string } | null>(null);

  const placeError = (error: unknown): boolean => {
    if (!isApiError(error)) return false;
    const place = federationFieldOf(error.field, form.getFieldsValue(true));
    if (!place) return false;
    if ('section' in place) {
      setSectionError({ section: place.section, message: error.message });
      document.getElementById(`federation-section-${place.section}`)?.scrollIntoView({ block: 'center' });
      return true;
    }
    form.setFields([{ name: place.name as never, errors: [error.message] }]);
    form.scrollToField(place.name);
    return true;
  };

  const sectionErrorOf = (section: Section) =>
    sectionError?.section === section ? (
      <Typography.Text type="danger" data-testid={`federation-error-${section}`}>
        {sectionError.message}
      </Typography.Text>
    ) : null;

  return (
    <Modal
      open
      title={creating ? t('federation.editor.createTitle') : t('federation.editor.editTitle', { name: link.name })}
      width={880}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={creating ? t('federation.editor.create') : t('federation.editor.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'federation-save' }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<LinkFormValues>
        form={form}
        layout="vertical"
        initialValues={linkFormValuesOf(link)}
        data-testid="federation-form"
        onFinish={(values) => {
          setAlertError(null);
          setSectionError(null);
          save.mutate(linkInputOf(values), {
            onSuccess: (saved) => {
              void message.success(t('federation.editor.saved', { name: saved.name }));
              onSaved(saved);
            },
            onError: (error) => setAlertError(placeError(error) ? null : error),
          });
        }}
        onValuesChange={(changed: Partial<LinkFormValues>) => {
          // A section's error is about its rows: it goes once they change.
          if (sectionError && sectionError.section in changed) setSectionError(null);
          // A new regime: the form chosen under the old one no longer applies.
          if (Array.isArray(changed.forms))
            changed.forms.forEach((f, i) => {
              if (f && 'regimeId' in f) form.setFieldValue(['forms', i, 'formId'], undefined);
            });
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item
              name="name"
              label={t('federation.editor.name')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input maxLength={200} data-testid="federation-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name="targetUrl"
              label={t('federation.editor.targetUrl')}
              extra={t('federation.editor.targetUrlHint')}
              rules={[
                { required: true, whitespace: true, message: t('common.required') },
                { pattern: /^\s*https?:\/\//i, message: t('federation.editor.targetUrlInvalid') },
              ]}
            >
              <Input maxLength={2000} placeholder="https://" data-testid="federation-target-url" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="token"
              label={t('federation.editor.token')}
              extra={creating ? t('federation.editor.tokenHint') : t('federation.editor.tokenKeep')}
              rules={creating ? [{ required: true, whitespace: true, message: t('common.required') }] : []}
            >
              <Input.Password maxLength={500} autoComplete="new-password" data-testid="federation-token" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="active" label={t('federation.editor.active')} valuePropName="checked">
              <Switch data-testid="federation-active" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="unitIds"
              label={t('federation.editor.units')}
              extra={t('federation.editor.unitsHint')}
              rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}
            >
              <UnitPicker multiple data-testid="federation-units" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('federation.editor.formsTitle')}
        </Divider>
        <Typography.Paragraph type="secondary" id="federation-section-forms">
          {t('federation.editor.formsHint')}
        </Typography.Paragraph>
        <Form.List name="forms">
          {(fields, { add, remove }) => (
            <Flex vertical gap={12}>
              {fields.map((field) => (
                <FormMapping
                  key={field.key}
                  field={field}
                  form={form}
                  known={link?.forms ?? []}
                  onRemove={() => remove(field.name)}
                />
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ cells: [] })}
                disabled={fields.length >= 50}
                data-testid="federation-add-form"
                style={{ alignSelf: 'flex-start' }}
              >
                {t('federation.editor.addForm')}
              </Button>
              {sectionErrorOf('forms')}
            </Flex>
          )}
        </Form.List>

        <Divider titlePlacement="start">{t('federation.editor.indicatorsTitle')}</Divider>
        <Typography.Paragraph type="secondary" id="federation-section-indicators">
          {t('federation.editor.indicatorsHint')}
        </Typography.Paragraph>
        <MappingRows
          name="indicators"
          columns={[
            {
              field: 'indicatorId',
              label: t('federation.editor.indicator'),
              required: 'choice',
              grow: 3,
              input: (row) => (
                <IndicatorSelect known={link?.indicators ?? []} data-testid={`federation-indicator-${row.name}`} />
              ),
            },
            {
              field: 'code',
              label: t('federation.editor.indicatorCode'),
              grow: 2,
              input: (row) => (
                <Input
                  maxLength={80}
                  placeholder={t('federation.sameCode')}
                  data-testid={`federation-indicator-code-${row.name}`}
                />
              ),
            },
          ]}
          newRow={{}}
          addLabel={t('federation.editor.addIndicator')}
          removeLabel={t('federation.editor.removeRow')}
          max={200}
          addTestId="federation-add-indicator"
          footer={sectionErrorOf('indicators')}
        />

        <Divider titlePlacement="start">{t('federation.editor.unitCodesTitle')}</Divider>
        <Typography.Paragraph type="secondary" id="federation-section-unitCodes">
          {t('federation.editor.unitCodesHint')}
        </Typography.Paragraph>
        <CodeRows
          name={['unitCodes']}
          testId="federation-unit-code"
          fromLabel={t('federation.editor.unitFrom')}
          toLabel={t('federation.editor.unitTo')}
          addLabel={t('federation.editor.addUnitCode')}
          max={5000}
          footer={sectionErrorOf('unitCodes')}
        />

        {alertError ? (
          <div style={{ marginTop: 16 }}>
            <ErrorAlert error={alertError} />
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}

/** Editable rows of a code mapping (ours → theirs), with add and remove. */
function CodeRows({
  name,
  testId,
  fromLabel,
  toLabel,
  addLabel,
  max,
  footer,
}: {
  name: (string | number)[];
  testId: string;
  fromLabel: string;
  toLabel: string;
  addLabel: string;
  max: number;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const column = (field: 'from' | 'to', label: string) => ({
    field,
    label,
    required: 'text' as const,
    input: (row: FormListFieldData) => <Input maxLength={80} data-testid={`${testId}-${field}-${row.name}`} />,
  });
  return (
    <MappingRows
      name={name}
      columns={[column('from', fromLabel), column('to', toLabel)]}
      newRow={{ from: '', to: '' }}
      addLabel={addLabel}
      removeLabel={t('federation.editor.removeRow')}
      max={max}
      addTestId={`${testId}-add`}
      small
      footer={footer}
    />
  );
}

/** One forwarded form: its regime and form here, its code there, and its cell codes. */
function FormMapping({
  field,
  form,
  known,
  onRemove,
}: {
  field: FormListFieldData;
  form: FormInstance<LinkFormValues>;
  known: FederationLinkView['forms'];
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  // useWatch answers only after the first render: until then, the form's store has the value.
  const formId: number | undefined =
    Form.useWatch(['forms', field.name, 'formId'], form) ?? form.getFieldValue(['forms', field.name, 'formId']);
  const regimeId: number | undefined = Form.useWatch(['forms', field.name, 'regimeId'], form);
  const knownForm = known.find((f) => f.formId === formId) ?? null;
  const { search, setSearch, regimes, regime, regimeOptions, formOptions } = useRegimeFormPicker({
    known: knownForm,
    regimeId: regimeId ?? null,
    chooseRegime: (id) => {
      if (!form.getFieldValue(['forms', field.name, 'regimeId']))
        form.setFieldValue(['forms', field.name, 'regimeId'], id);
    },
    language: lang,
  });
  const chosen = regime.data?.forms.find((f) => f.id === formId);
  const ownCode = knownForm
    ? `${knownForm.regimeCode}/${knownForm.formCode}`
    : regime.data && chosen
      ? `${regime.data.code}/${chosen.code}`
      : '';

  return (
    <Card size="small" data-testid={`federation-form-${field.name}`} styles={{ body: { paddingBottom: 4 } }}>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name={[field.name, 'regimeId']} label={t('federation.editor.regime')}>
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
              loading={regimes.isFetching}
              options={regimeOptions}
              placeholder={t('federation.editor.regimePlaceholder')}
              data-testid={`federation-regime-${field.name}`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={[field.name, 'formId']}
            label={t('federation.editor.form')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select
              options={formOptions}
              loading={regime.isFetching}
              placeholder={t('federation.editor.formPlaceholder')}
              data-testid={`federation-form-select-${field.name}`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[field.name, 'code']} label={t('federation.editor.formCode')}>
            <Input
              maxLength={81}
              placeholder={ownCode || 'CHEDO/BIEU'}
              data-testid={`federation-form-code-${field.name}`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} style={{ display: 'flex', alignItems: 'flex-end', justifyContent: 'flex-end' }}>
          <Form.Item>
            <Button icon={<DeleteOutlined />} onClick={onRemove} data-testid={`federation-remove-form-${field.name}`}>
              {t('federation.editor.removeForm')}
            </Button>
          </Form.Item>
        </Col>
      </Row>
      <CodeRows
        name={[field.name, 'cells']}
        testId={`federation-cell-${field.name}`}
        fromLabel={t('federation.editor.cellFrom')}
        toLabel={t('federation.editor.cellTo')}
        addLabel={t('federation.editor.addCell')}
        max={2000}
      />
      <div style={{ height: 12 }} />
    </Card>
  );
}

/** Chooses an indicator of the catalogue by typing part of its code or name. */
function IndicatorSelect({
  value,
  onChange,
  known,
  id,
  ...rest
}: {
  value?: number;
  onChange?: (value: number | undefined) => void;
  known: FederationLinkView['indicators'];
  id?: string;
  'data-testid'?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const found = useIndicatorSearch(q);
  const options = (found.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.code} — ${x.name[lang]}` }));
  const own = known.find((x) => x.indicatorId === value);
  if (value !== undefined && !options.some((o) => o.value === value))
    options.unshift({ value, label: own?.indicatorCode ?? `#${value}` });
  return (
    <Select<number>
      id={id}
      data-testid={rest['data-testid']}
      value={value}
      onChange={(next) => {
        setSearch('');
        onChange?.(next);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      loading={found.isFetching}
      options={options}
      placeholder={t('federation.editor.indicatorPlaceholder')}
      notFoundContent={found.isFetching ? t('common.loading') : t('common.noMatches')}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );
}
