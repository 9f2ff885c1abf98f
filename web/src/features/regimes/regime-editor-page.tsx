import { CheckCircleOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons';
import type { RegimeDefinition } from '@baocao/domain';
import {
  Affix,
  Alert,
  Anchor,
  App,
  Button,
  Card,
  Col,
  ConfigProvider,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Popconfirm,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { FullPageSpin } from '../../components/full-page-spin';
import { PageHeader } from '../../components/page-header';
import { UnitCodePicker } from '../../components/unit-code-picker';
import { UnitKindSelect, unitKindName } from '../../components/unit-kind-select';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { formatDateTime, todayInVietnam } from '../../i18n/format';
import { useCan } from '../auth/session';
import { placeApiFieldErrors } from './api-field-errors';
import { DataWindowField } from './data-window-field';
import { RegimeFormsTable } from './regime-forms-table';
import { DemoTag, frequencies, RegimeStatusTag, useFrequencyLabel } from './regime-labels';
import { type RegimeDetailView, useHierarchies, useRegime, useRegimeTransition, useSaveRegime } from './regimes.api';
import { SchedulePreview } from './schedule-preview';
import { SchedulesEditor } from './schedules-editor';

type RegimeFormValues = RegimeDefinition & { code: string };

/** Unique constraints the API may name instead of a field. */
const CONSTRAINTS = { regimes_code_key: 'code' };

function newRegimeValues(): RegimeFormValues {
  return {
    code: '',
    name: { vi: '', en: '' },
    content: '',
    reportingUnits: '',
    receivingAgency: '',
    sendingMethod: 'Gửi, nhận qua Hệ thống thông tin báo cáo (văn bản điện tử).',
    deadline: '',
    frequency: 'month',
    dataWindow: 'decree09',
    outlineTemplate: '',
    procedure: '',
    legalBasis:
      'Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ quy định về chế độ báo cáo của cơ quan hành chính nhà nước.',
    ownerUnitCode: '',
    hierarchy: 'administrative',
    consolidatingUnitKinds: [],
    consolidationCounts: 'submitted',
    recipientUnitCodes: [],
    schedules: [],
    allowLateSubmission: true,
    validFrom: todayInVietnam(),
    validTo: null,
  };
}

const valuesOf = (regime: RegimeDetailView): RegimeFormValues => ({ ...regime.definition, code: regime.code });

/** Exactly the definition's properties: the API refuses unknown ones. */
function definitionOf(values: RegimeFormValues, base: RegimeDefinition): RegimeDefinition {
  const text = (value: string | undefined) => (value ?? '').trim();
  return {
    name: { vi: text(values.name?.vi), en: text(values.name?.en) },
    content: text(values.content),
    reportingUnits: text(values.reportingUnits),
    receivingAgency: text(values.receivingAgency),
    sendingMethod: text(values.sendingMethod),
    deadline: text(values.deadline),
    frequency: values.frequency,
    dataWindow: values.dataWindow,
    outlineTemplate: values.outlineTemplate ?? '',
    procedure: text(values.procedure),
    legalBasis: text(values.legalBasis),
    ownerUnitCode: values.ownerUnitCode ?? '',
    hierarchy: values.hierarchy,
    consolidatingUnitKinds: values.consolidatingUnitKinds ?? [],
    consolidationCounts: values.consolidationCounts,
    recipientUnitCodes: values.recipientUnitCodes ?? [],
    schedules: (values.schedules ?? []).map((schedule) => ({
      unitKinds: schedule.unitKinds ?? [],
      role: schedule.role,
      opens: offsetOf(schedule.opens),
      due: offsetOf(schedule.due),
      closes: offsetOf(schedule.closes),
    })),
    allowLateSubmission: !!values.allowLateSubmission,
    validFrom: values.validFrom,
    validTo: values.validTo ?? null,
    ...(base.isDemo ? { isDemo: true } : {}),
  };
}

function offsetOf(offset: RegimeDefinition['schedules'][number]['opens']) {
  return {
    anchor: offset.anchor,
    days: offset.days ?? 0,
    ...(offset.workingDays ? { workingDays: true } : {}),
    time: offset.time,
  };
}

const dateProps = {
  getValueProps: (value: string | null | undefined) => ({ value: value ? dayjs(value) : null }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null),
};

/** `/regimes/new` and `/regimes/:regimeId`: loads the regime, then the editor. */
export function RegimeEditorPage() {
  const { regimeId } = useParams();
  const id = regimeId === 'new' || !regimeId ? null : Number(regimeId);
  const regime = useRegime(id !== null && Number.isInteger(id) && id > 0 ? id : null);
  if (id !== null && regime.isPending) return <FullPageSpin />;
  if (id !== null && regime.isError) return <ErrorAlert error={regime.error} />;
  return <RegimeEditor key={regime.data?.id ?? 'new'} regime={regime.data ?? null} />;
}

function RegimeEditor({ regime }: { regime: RegimeDetailView | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const canManage = useCan('regimes.manage');
  const frequencyLabel = useFrequencyLabel();
  const hierarchies = useHierarchies();
  const [form] = Form.useForm<RegimeFormValues>();
  const save = useSaveRegime(regime?.id ?? null);
  const transition = useRegimeTransition(regime?.id ?? 0);
  const reload = useRegime(regime?.id ?? null);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const isNew = regime === null;
  const readOnly = !canManage || regime?.status === 'retired';
  const inForce = !!regime && regime.status !== 'draft';
  const schedules = (Form.useWatch('schedules', form) as RegimeDefinition['schedules'] | undefined) ?? [];
  const enteringKinds = [
    ...new Set([
      ...schedules.filter((s) => s?.role === 'entry').flatMap((s) => s.unitKinds ?? []),
      ...(regime?.forms ?? []).flatMap((f) => f.entryUnitKinds),
    ]),
  ];

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const onSave = async () => {
    let values: RegimeFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    values = { ...form.getFieldsValue(true), ...values };
    setError(null);
    setConflict(false);
    const definition = definitionOf(values, regime?.definition ?? newRegimeValues());
    const input = isNew ? { code: values.code.trim(), definition } : { version: regime.version, definition };
    save.mutate(input, {
      onSuccess: (saved) => {
        setDirty(false);
        void message.success(t(isNew ? 'regimes.editor.created' : 'regimes.editor.saved'));
        if (isNew) void navigate(`/regimes/${saved.id}`, { replace: true });
        else form.setFieldsValue(valuesOf(saved));
      },
      onError: (failure) => {
        if (isApiError(failure) && failure.code === 'CONFLICT') setConflict(true);
        else if (!placeApiFieldErrors(form, failure, i18n.language, 'definition.', CONSTRAINTS)) setError(failure);
      },
    });
  };

  const onReload = async () => {
    const fresh = await reload.refetch();
    if (fresh.data) {
      form.resetFields();
      form.setFieldsValue(valuesOf(fresh.data));
      setDirty(false);
      setConflict(false);
    }
  };

  const onTransition = (action: 'activate' | 'retire') => {
    if (!regime) return;
    transition.mutate(
      { action, version: regime.version },
      {
        onSuccess: () =>
          void message.success(t(action === 'activate' ? 'regimes.editor.activated' : 'regimes.editor.retired')),
        onError: (failure) => {
          if (isApiError(failure) && failure.code === 'CONFLICT') setConflict(true);
          else notifyError(failure);
        },
      },
    );
  };

  const sections: { key: string; title: string }[] = [
    { key: 'regime-general', title: t('regimes.editor.sectionGeneral') },
    { key: 'regime-components', title: t('regimes.editor.sectionComponents') },
    { key: 'regime-organisation', title: t('regimes.editor.sectionOrganisation') },
    { key: 'regime-schedules', title: t('regimes.editor.sectionSchedules') },
  ];
  const card = (key: string, title: ReactNode, children: ReactNode, extra?: ReactNode) => (
    <Card id={key} title={title} extra={extra} style={{ marginBottom: 16, scrollMarginTop: 80 }}>
      {children}
    </Card>
  );
  const component = (number: number, label: string) => `${number}. ${label}`;
  const lockedHint = inForce ? t('regimes.editor.lockedInForce') : undefined;

  return (
    <>
      <PageHeader
        title={
          isNew ? (
            t('regimes.editor.newTitle')
          ) : (
            <Flex gap={8} align="center" wrap>
              <span>{regime.definition.name.vi}</span>
              <RegimeStatusTag status={regime.status} />
              {regime.isDemo ? <DemoTag /> : null}
            </Flex>
          )
        }
        description={
          <>
            <Link to="/regimes">{t('regimes.catalogue.title')}</Link>
            {isNew ? null : (
              <>
                {' · '}
                <Typography.Text code>{regime.code}</Typography.Text>
              </>
            )}
          </>
        }
        extra={
          readOnly ? null : (
            <>
              {regime && regime.status !== 'active' ? (
                <Popconfirm
                  title={t('regimes.editor.activateConfirm')}
                  description={t('regimes.editor.activateHint')}
                  okText={t('regimes.editor.activate')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => onTransition('activate')}
                  disabled={dirty}
                >
                  <Button
                    icon={<CheckCircleOutlined />}
                    loading={transition.isPending && transition.variables?.action === 'activate'}
                    disabled={dirty}
                    data-testid="regime-activate"
                  >
                    {t('regimes.editor.activate')}
                  </Button>
                </Popconfirm>
              ) : null}
              {regime && regime.status === 'active' ? (
                <Popconfirm
                  title={t('regimes.editor.retireConfirm')}
                  okText={t('regimes.editor.retire')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => onTransition('retire')}
                  disabled={dirty}
                >
                  <Button danger icon={<StopOutlined />} disabled={dirty} data-testid="regime-retire">
                    {t('regimes.editor.retire')}
                  </Button>
                </Popconfirm>
              ) : null}
              <Button
                type="primary"
                icon={<SaveOutlined />}
                onClick={() => void onSave()}
                loading={save.isPending}
                data-testid="regime-save"
              >
                {isNew ? t('regimes.editor.create') : t('regimes.editor.save')}
              </Button>
            </>
          )
        }
      />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('regimes.editor.conflict')}
          description={t('regimes.editor.conflictHint')}
          action={
            <Button size="small" onClick={() => void onReload()} loading={reload.isFetching}>
              {t('common.reload')}
            </Button>
          }
          data-testid="regime-conflict"
        />
      ) : null}
      {error ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
      {regime?.status === 'retired' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('regimes.editor.retiredHint')} />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={18}>
          <Form<RegimeFormValues>
            form={form}
            layout="vertical"
            initialValues={regime ? valuesOf(regime) : newRegimeValues()}
            onValuesChange={() => setDirty(true)}
            disabled={readOnly}
            data-testid="regime-form"
            scrollToFirstError={{ block: 'center' }}
          >
            {card(
              'regime-general',
              t('regimes.editor.sectionGeneral'),
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
              </Row>,
            )}
            {card(
              'regime-components',
              t('regimes.editor.sectionComponents'),
              <>
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
                    <Form.Item
                      name={['name', 'en']}
                      label={`${t('regimes.editor.name')} (${t('regimes.editor.english')})`}
                    >
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
              </>,
            )}
            {card(
              'regime-organisation',
              t('regimes.editor.sectionOrganisation'),
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
              </Row>,
            )}
            {card(
              'regime-schedules',
              t('regimes.editor.sectionSchedules'),
              <>
                <Typography.Paragraph type="secondary">{t('regimes.schedules.hint')}</Typography.Paragraph>
                <SchedulesEditor disabled={readOnly} onChanged={() => setDirty(true)} />
                <Typography.Title level={5} style={{ marginTop: 24 }}>
                  {t('regimes.schedules.preview')}
                </Typography.Title>
                {regime ? (
                  <ConfigProvider componentDisabled={false}>
                    <SchedulePreview
                      regimeId={regime.id}
                      frequency={regime.definition.frequency}
                      savedVersion={regime.version}
                      dirty={dirty}
                    />
                  </ConfigProvider>
                ) : (
                  <Typography.Text type="secondary">{t('regimes.schedules.previewAfterSave')}</Typography.Text>
                )}
              </>,
            )}
          </Form>
        </Col>
        <Col xs={0} xl={6}>
          <Affix offsetTop={16}>
            <div>
              {regime ? (
                <Card size="small" style={{ marginBottom: 16 }}>
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      {
                        key: 'status',
                        label: t('regimes.catalogue.status'),
                        children: <RegimeStatusTag status={regime.status} />,
                      },
                      { key: 'version', label: t('regimes.editor.revision'), children: regime.version },
                      {
                        key: 'updated',
                        label: t('regimes.editor.updatedAt'),
                        children: formatDateTime(regime.updatedAt),
                      },
                      { key: 'forms', label: t('regimes.catalogue.forms'), children: regime.forms.length },
                    ]}
                  />
                  {dirty ? (
                    <Typography.Text type="warning" data-testid="regime-dirty">
                      {t('regimes.editor.unsaved')}
                    </Typography.Text>
                  ) : null}
                </Card>
              ) : null}
              <Card size="small">
                <Anchor
                  offsetTop={16}
                  items={sections.map((section) => ({
                    key: section.key,
                    href: `#${section.key}`,
                    title: section.title,
                  }))}
                  replace
                />
              </Card>
            </div>
          </Affix>
        </Col>
      </Row>
    </>
  );
}
