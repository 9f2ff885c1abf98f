import {
  CheckCircleOutlined,
  CloudUploadOutlined,
  CopyOutlined,
  DeleteOutlined,
  DownloadOutlined,
  SafetyCertificateOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import {
  type CellValues,
  checkFormDefinition,
  type FieldDefinition,
  type FormDefinition,
  type FormProblem,
  formFields,
  renameFieldReferences,
} from '@baocao/domain';
import { Alert, App, Badge, Button, Card, Flex, Modal, Popconfirm, Result, Space, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { FullPageSpin } from '../../components/full-page-spin';
import { PageHeader } from '../../components/page-header';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { formatDateTime } from '../../i18n/format';
import { useCan } from '../auth/session';
import { type RegimeDetailView, useRegime } from '../regimes/regimes.api';
import { computeSampleValues, problemTarget, replaceItem, tidyDefinition } from './definition-editing';
import { FieldEditorDrawer } from './field-editor-drawer';
import {
  type FormDetailView,
  type FormValidationView,
  type FormVersionDiffView,
  type FormVersionView,
  fetchVersionDiff,
  useCreateDraft,
  useDeleteDraft,
  useFormDetail,
  useFormVersion,
  usePublishVersion,
  useSaveDraft,
  useValidateDefinition,
} from './form-designer.api';
import { GeneralEditor } from './general-editor';
import { OptionSetsEditor } from './option-sets-editor';
import { PreviewPanel } from './preview-panel';
import { ProblemsList } from './problems-list';
import { RulesEditor } from './rules-editor';
import { StructureEditor } from './structure-editor';
import { TemplateDownloadModal } from './template-download-modal';
import { VersionDiffView } from './version-diff';
import { VersionHistory, VersionStatusTag } from './version-history';

type TabKey = 'structure' | 'optionSets' | 'rules' | 'preview' | 'general' | 'history';

/** `/regimes/:regimeId/forms/:formId[?version=id]`: a form's versions, the one shown, and the designer. */
export function FormDesignerPage() {
  const { t } = useTranslation();
  const params = useParams();
  const regimeId = Number(params.regimeId);
  const formId = Number(params.formId);
  const [search, setSearch] = useSearchParams();
  const formDetail = useFormDetail(formId);
  const regime = useRegime(Number.isInteger(regimeId) && regimeId > 0 ? regimeId : null);
  const versions = formDetail.data?.versions ?? [];
  const requested = Number(search.get('version')) || null;
  const chosen =
    (requested !== null && versions.some((v) => v.id === requested) ? requested : null) ??
    versions.find((v) => v.status === 'draft')?.id ??
    versions.find((v) => v.status === 'published')?.id ??
    versions[0]?.id ??
    null;
  const version = useFormVersion(chosen);
  if (formDetail.isError) return <ErrorAlert error={formDetail.error} />;
  if (version.isError) return <ErrorAlert error={version.error} />;
  if (formDetail.data && versions.length === 0)
    return <Result status="info" title={t('regimes.designer.noVersions')} />;
  if (!formDetail.data || !version.data) return <FullPageSpin />;
  return (
    <FormDesigner
      key={version.data.id}
      form={formDetail.data}
      version={version.data}
      regime={regime.data}
      onOpenVersion={(id) => setSearch(id === null ? {} : { version: String(id) })}
    />
  );
}

function FormDesigner({
  form,
  version,
  regime,
  onOpenVersion,
}: {
  form: FormDetailView;
  version: FormVersionView;
  regime: RegimeDetailView | undefined;
  onOpenVersion: (id: number | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const { message, modal } = App.useApp();
  const notifyError = useErrorNotifier();
  const canManage = useCan('regimes.manage');
  const editable = canManage && version.status === 'draft';

  const [definition, setDefinition] = useState<FormDefinition>(version.definition);
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(tidyDefinition(version.definition)));
  const [updatedAt, setUpdatedAt] = useState(version.updatedAt);
  const [tab, setTab] = useState<TabKey>('structure');
  // The field being edited, with its code when the editor opened: closing it with another code
  // rewrites the formulas and rules that referred to the old one.
  const [editing, setEditingState] = useState<{ section: number; field: number; code: string } | null>(null);
  const setEditing = (target: { section: number; field: number } | null) =>
    setEditingState(
      target && { ...target, code: definition.sections[target.section]?.fields[target.field]?.code ?? '' },
    );
  const closeFieldEditor = () => {
    if (editing) {
      const code = definition.sections[editing.section]?.fields[editing.field]?.code ?? '';
      const clash = formFields(definition).filter((f) => f.code === code).length > 1;
      if (code !== editing.code && editing.code !== '' && /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(code) && !clash) {
        const renamed = renameFieldReferences(definition, editing.code, code);
        if (renamed.count > 0) {
          setDefinition(renamed.form);
          void message.info(
            t('regimes.designer.field.referencesRenamed', { count: renamed.count, from: editing.code, to: code }),
          );
        }
      }
    }
    setEditingState(null);
  };
  const [selectedRule, setSelectedRule] = useState<number | null>(version.definition.rules.length > 0 ? 0 : null);
  const [samples, setSamples] = useState<CellValues>({});
  const [panel, setPanel] = useState<'local' | 'server' | null>(null);
  const [serverCheck, setServerCheck] = useState<{ result: FormValidationView; json: string } | null>(null);
  const [publishing, setPublishing] = useState<FormVersionDiffView | null>(null);
  const [justPublished, setJustPublished] = useState(false);
  const [templateOpen, setTemplateOpen] = useState(false);
  const [conflict, setConflict] = useState(false);

  const tidy = useMemo(() => tidyDefinition(definition), [definition]);
  const json = useMemo(() => JSON.stringify(tidy), [tidy]);
  const dirty = editable && json !== savedJson;
  const problems = useMemo(() => checkFormDefinition(tidy, { formCode: version.formCode }), [tidy, version.formCode]);
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  const warningCount = problems.length - errorCount;
  const values = useMemo(() => computeSampleValues(tidy, samples), [tidy, samples]);

  const saveDraft = useSaveDraft(version.id);
  const validate = useValidateDefinition(version.id);
  const publish = usePublishVersion(version.id);
  const createDraft = useCreateDraft(version.formId);
  const deleteDraft = useDeleteDraft(version.formId);
  const draftOfForm = form.versions.find((v) => v.status === 'draft');

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const changeSamples = (changes: CellValues) => setSamples((current) => ({ ...current, ...changes }));

  const openProblem = (problem: FormProblem) => {
    const target = problemTarget(problem.path);
    setPanel(null);
    if (target.kind === 'field') {
      setTab('structure');
      setEditing({ section: target.section, field: target.field });
    } else if (target.kind === 'section') {
      setTab('structure');
      window.setTimeout(
        () => document.getElementById(`designer-section-${target.section}`)?.scrollIntoView({ block: 'start' }),
        50,
      );
    } else if (target.kind === 'rule') {
      setTab('rules');
      setSelectedRule(target.rule);
    } else if (target.kind === 'optionSet') {
      setTab('optionSets');
      window.setTimeout(
        () => document.getElementById(`designer-option-set-${target.optionSet}`)?.scrollIntoView({ block: 'start' }),
        50,
      );
    } else setTab('general');
  };

  /** Saves the draft; resolves whether it was saved. */
  const save = async (): Promise<boolean> => {
    if (problems.some((p) => p.code === 'SCHEMA')) {
      setPanel('local');
      void message.error(t('regimes.designer.fixSchemaFirst'));
      return false;
    }
    try {
      const saved = await saveDraft.mutateAsync({ definition: tidy, updatedAt });
      setSavedJson(json);
      setUpdatedAt(saved.updatedAt);
      setConflict(false);
      return true;
    } catch (error) {
      if (isApiError(error) && error.code === 'CONFLICT') setConflict(true);
      else notifyError(error, t('regimes.designer.saveFailed'));
      return false;
    }
  };

  const runCheck = () =>
    validate.mutate(tidy, {
      onSuccess: (result) => {
        setServerCheck({ result, json });
        setPanel('server');
      },
      onError: (error) => notifyError(error),
    });

  const startPublish = async () => {
    if (errorCount > 0) {
      setPanel('local');
      void message.error(t('regimes.designer.publishBlocked', { count: errorCount }));
      return;
    }
    if (dirty && !(await save())) return;
    try {
      setPublishing(await fetchVersionDiff(version.id));
    } catch (error) {
      notifyError(error);
    }
  };

  const confirmPublish = () =>
    publish.mutate(undefined, {
      onSuccess: (published) => {
        setPublishing(null);
        setJustPublished(true);
        void message.success(t('regimes.designer.publishedDone', { number: published.version.number }));
      },
      onError: (error) => {
        setPublishing(null);
        const details = isApiError(error) ? (error.details as { problems?: FormProblem[] } | undefined) : undefined;
        if (isApiError(error) && error.code === 'FORM_DEFINITION_INVALID' && details?.problems) {
          const problemList = details.problems;
          const errors = problemList.filter((p) => p.severity === 'error').length;
          setServerCheck({
            result: {
              valid: false,
              errorCount: errors,
              warningCount: problemList.length - errors,
              problems: problemList,
            },
            json,
          });
          setPanel('server');
        } else notifyError(error, t('regimes.designer.publishFailed'));
      },
    });

  const newDraft = () =>
    createDraft.mutate(undefined, {
      onSuccess: (draft) => onOpenVersion(draft.id),
      onError: (error) => {
        const existing = isApiError(error) ? (error.details as { draftVersionId?: number } | undefined) : undefined;
        if (existing?.draftVersionId) onOpenVersion(existing.draftVersionId);
        else notifyError(error);
      },
    });

  const openVersion = (id: number) => {
    if (!dirty) {
      onOpenVersion(id);
      return;
    }
    modal.confirm({
      title: t('regimes.designer.leaveUnsaved'),
      okText: t('regimes.designer.leave'),
      cancelText: t('common.cancel'),
      onOk: () => onOpenVersion(id),
    });
  };

  const updateField = (sectionIndex: number, fieldIndex: number, field: FieldDefinition) => {
    const section = definition.sections[sectionIndex]!;
    setDefinition({
      ...definition,
      sections: replaceItem(definition.sections, sectionIndex, {
        ...section,
        fields: replaceItem(section.fields, fieldIndex, field),
      }),
    });
  };

  const title = definition.title[language] || definition.title.vi;
  const serverStale = serverCheck !== null && serverCheck.json !== json;
  const shownProblems: FormProblem[] =
    panel === 'server' && serverCheck ? (serverCheck.result.problems as FormProblem[]) : problems;
  const tabLabel = (key: TabKey, label: string, count?: number) => (
    <span data-testid={`designer-tab-${key}`}>
      {label}
      {count ? <Badge count={count} size="small" color="#8c8c8c" style={{ marginInlineStart: 6 }} /> : null}
    </span>
  );

  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <Typography.Text code style={{ fontSize: 18 }}>
              {version.formCode}
            </Typography.Text>
            <span>{title}</span>
          </Flex>
        }
        description={
          <>
            <Link to="/regimes">{t('regimes.catalogue.title')}</Link>
            {' / '}
            <Link to={`/regimes/${version.regimeId}`}>{regime?.definition.name.vi ?? version.regimeCode}</Link>
          </>
        }
        extra={
          <>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => setTemplateOpen(true)}
              disabled={!regime}
              data-testid="template-download"
            >
              {t('regimes.designer.template.button')}
            </Button>
            {editable ? (
              <>
                <Button
                  icon={<SafetyCertificateOutlined />}
                  onClick={runCheck}
                  loading={validate.isPending}
                  data-testid="designer-check"
                >
                  {t('regimes.designer.check.button')}
                </Button>
                <Button
                  icon={<SaveOutlined />}
                  type={dirty ? 'primary' : 'default'}
                  ghost={dirty}
                  onClick={() => void save().then((ok) => ok && void message.success(t('regimes.designer.saved')))}
                  loading={saveDraft.isPending}
                  disabled={!dirty}
                  data-testid="designer-save"
                >
                  {t('regimes.designer.save')}
                </Button>
                <Button
                  type="primary"
                  icon={<CloudUploadOutlined />}
                  onClick={() => void startPublish()}
                  loading={publish.isPending}
                  data-testid="designer-publish"
                >
                  {t('regimes.designer.publish')}
                </Button>
              </>
            ) : null}
            {canManage && !editable && !draftOfForm && regime?.status !== 'retired' ? (
              <Button
                type="primary"
                icon={<CopyOutlined />}
                onClick={newDraft}
                loading={createDraft.isPending}
                data-testid="designer-new-draft"
              >
                {t('regimes.designer.newDraft')}
              </Button>
            ) : null}
            {canManage && !editable && draftOfForm ? (
              <Button onClick={() => openVersion(draftOfForm.id)} data-testid="designer-open-draft">
                {t('regimes.designer.openDraft', { number: draftOfForm.number })}
              </Button>
            ) : null}
          </>
        }
      />

      <Card size="small" style={{ marginBottom: 16 }} data-testid="designer-status">
        <Flex gap={16} align="center" wrap justify="space-between">
          <Space size={12} wrap>
            <Typography.Text strong>{t('regimes.designer.versionNumber', { number: version.number })}</Typography.Text>
            <VersionStatusTag status={version.status} />
            {version.publishedAt ? (
              <Typography.Text type="secondary">
                {t('regimes.designer.publishedAt', {
                  at: formatDateTime(version.publishedAt),
                  by: version.publishedBy?.name ?? '',
                })}
              </Typography.Text>
            ) : (
              <Typography.Text type={dirty ? 'warning' : 'secondary'} data-testid="designer-save-state">
                {dirty
                  ? t('regimes.designer.unsaved')
                  : t('regimes.designer.savedAt', { at: formatDateTime(updatedAt) })}
              </Typography.Text>
            )}
          </Space>
          <Space size={12} wrap>
            {editable ? (
              <Button
                type="link"
                size="small"
                onClick={() => setPanel(panel === 'local' ? null : 'local')}
                data-testid="designer-live-check"
              >
                {errorCount === 0 && warningCount === 0 ? (
                  <Typography.Text type="success">
                    <CheckCircleOutlined /> {t('regimes.designer.check.liveOk')}
                  </Typography.Text>
                ) : (
                  <Typography.Text type={errorCount > 0 ? 'danger' : 'warning'}>
                    {t('regimes.designer.check.liveCount', { errors: errorCount, warnings: warningCount })}
                  </Typography.Text>
                )}
              </Button>
            ) : null}
            {editable && draftOfForm && form.versions.length > 1 ? (
              <Popconfirm
                title={t('regimes.designer.discardConfirm')}
                okText={t('regimes.designer.discard')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  deleteDraft.mutate(version.id, {
                    onSuccess: () => onOpenVersion(null),
                    onError: (error) => notifyError(error),
                  })
                }
              >
                <Button size="small" danger type="text" icon={<DeleteOutlined />}>
                  {t('regimes.designer.discard')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        </Flex>
      </Card>

      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('regimes.designer.conflict')}
          action={
            <Button size="small" onClick={() => window.location.reload()}>
              {t('common.reload')}
            </Button>
          }
        />
      ) : null}
      {!editable && version.status === 'published' ? (
        <Alert
          type={justPublished ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            justPublished
              ? t('regimes.designer.publishedTitle', { number: version.number })
              : t('regimes.designer.readOnlyPublished')
          }
          description={canManage ? t('regimes.designer.readOnlyHint') : undefined}
          data-testid="designer-published"
        />
      ) : null}
      {version.status === 'superseded' ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('regimes.designer.readOnlySuperseded')} />
      ) : null}

      {panel ? (
        <Card
          size="small"
          style={{ marginBottom: 16 }}
          title={panel === 'server' ? t('regimes.designer.check.serverTitle') : t('regimes.designer.check.localTitle')}
          extra={
            <Button size="small" type="text" onClick={() => setPanel(null)}>
              {t('regimes.designer.close')}
            </Button>
          }
          data-testid="designer-problems"
        >
          {panel === 'server' && serverCheck ? (
            <Alert
              style={{ marginBottom: 8 }}
              type={serverCheck.result.valid ? 'success' : 'error'}
              showIcon
              title={
                serverCheck.result.valid
                  ? t('regimes.designer.check.valid', { warnings: serverCheck.result.warningCount })
                  : t('regimes.designer.check.invalid', {
                      errors: serverCheck.result.errorCount,
                      warnings: serverCheck.result.warningCount,
                    })
              }
              description={serverStale ? t('regimes.designer.check.stale') : undefined}
              data-testid="designer-check-result"
            />
          ) : null}
          <ProblemsList form={definition} problems={shownProblems} onOpen={openProblem} data-testid="problems-list" />
        </Card>
      ) : null}

      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as TabKey)}
          items={[
            {
              key: 'structure',
              label: tabLabel('structure', t('regimes.designer.tabs.structure')),
              children: (
                <StructureEditor
                  form={definition}
                  onChange={setDefinition}
                  readOnly={!editable}
                  problems={problems}
                  onEditField={(section, field) => setEditing({ section, field })}
                />
              ),
            },
            {
              key: 'optionSets',
              label: tabLabel('optionSets', t('regimes.designer.tabs.optionSets'), definition.optionSets.length),
              children: (
                <OptionSetsEditor form={definition} onChange={setDefinition} readOnly={!editable} problems={problems} />
              ),
            },
            {
              key: 'rules',
              label: tabLabel('rules', t('regimes.designer.tabs.rules'), definition.rules.length),
              children: (
                <RulesEditor
                  form={definition}
                  onChange={setDefinition}
                  readOnly={!editable}
                  problems={problems}
                  samples={samples}
                  onSamplesChange={changeSamples}
                  selected={selectedRule}
                  onSelect={setSelectedRule}
                />
              ),
            },
            {
              key: 'preview',
              label: tabLabel('preview', t('regimes.designer.tabs.preview')),
              children: (
                <PreviewPanel
                  form={tidy}
                  samples={samples}
                  onSamplesChange={changeSamples}
                  onReplaceSamples={setSamples}
                  hasErrors={errorCount > 0}
                />
              ),
            },
            {
              key: 'general',
              label: tabLabel('general', t('regimes.designer.tabs.general')),
              children: (
                <GeneralEditor form={definition} onChange={setDefinition} readOnly={!editable} problems={problems} />
              ),
            },
            {
              key: 'history',
              label: tabLabel('history', t('regimes.designer.tabs.history'), form.versions.length),
              children: <VersionHistory versions={form.versions} currentId={version.id} onOpen={openVersion} />,
            },
          ]}
        />
      </Card>

      {editing && definition.sections[editing.section]?.fields[editing.field] ? (
        <FieldEditorDrawer
          form={definition}
          sectionIndex={editing.section}
          fieldIndex={editing.field}
          problems={problems}
          values={values}
          readOnly={!editable}
          onChange={(field) => updateField(editing.section, editing.field, field)}
          onClose={closeFieldEditor}
        />
      ) : null}

      {publishing ? (
        <Modal
          open
          width={860}
          title={t('regimes.designer.publishTitle', { code: version.formCode, number: version.number })}
          okText={t('regimes.designer.publishOk')}
          cancelText={t('common.cancel')}
          onOk={confirmPublish}
          onCancel={() => setPublishing(null)}
          confirmLoading={publish.isPending}
          okButtonProps={{ 'data-testid': 'publish-confirm' }}
          data-testid="publish-modal"
        >
          <Typography.Paragraph>{t('regimes.designer.publishWarning')}</Typography.Paragraph>
          {warningCount > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('regimes.designer.publishWarnings', { count: warningCount })}
            />
          ) : null}
          <VersionDiffView diff={publishing} />
        </Modal>
      ) : null}

      {templateOpen && regime ? (
        <TemplateDownloadModal
          versionId={version.id}
          versionNumber={version.number}
          frequency={regime.definition.frequency}
          onClose={() => setTemplateOpen(false)}
        />
      ) : null}
    </>
  );
}
