import {
  type CellValues,
  checkFormDefinition,
  type FieldDefinition,
  type FormDefinition,
  type FormProblem,
} from '@baocao/domain';
import { App, Flex, Result, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { FullPageSpin } from '../../components/full-page-spin';
import { PageHeader } from '../../components/page-header';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { useCan } from '../auth/session';
import { type RegimeDetailView, useRegime } from '../regimes/regimes.api';
import { CheckPanel } from './check-panel';
import { computeSampleValues, problemTarget, replaceItem, tidyDefinition } from './definition-editing';
import { DesignerActions } from './designer-actions';
import { DesignerAlerts } from './designer-alerts';
import { DesignerStatusCard } from './designer-status-card';
import { type DesignerTab, DesignerTabs } from './designer-tabs';
import { FieldEditorDrawer } from './field-editor-drawer';
import {
  type FormDetailView,
  type FormVersionView,
  useCreateDraft,
  useFormDetail,
  useFormVersion,
  useSaveDraft,
} from './form-designer.api';
import { PublishModal } from './publish-modal';
import { TemplateDownloadModal } from './template-download-modal';
import { useCheckAndPublish } from './use-check-and-publish';
import { useFieldEditing } from './use-field-editing';

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
  const [tab, setTab] = useState<DesignerTab>('structure');
  const [selectedRule, setSelectedRule] = useState<number | null>(version.definition.rules.length > 0 ? 0 : null);
  const [samples, setSamples] = useState<CellValues>({});
  const [panel, setPanel] = useState<'local' | 'server' | null>(null);
  const [templateOpen, setTemplateOpen] = useState(false);
  const [conflict, setConflict] = useState(false);
  const { editing, setEditing, closeFieldEditor } = useFieldEditing(definition, setDefinition);

  const tidy = useMemo(() => tidyDefinition(definition), [definition]);
  const json = useMemo(() => JSON.stringify(tidy), [tidy]);
  const dirty = editable && json !== savedJson;
  const problems = useMemo(() => checkFormDefinition(tidy, { formCode: version.formCode }), [tidy, version.formCode]);
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  const warningCount = problems.length - errorCount;
  const values = useMemo(() => computeSampleValues(tidy, samples), [tidy, samples]);

  const saveDraft = useSaveDraft(version.id);
  const createDraft = useCreateDraft(version.formId);
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

  const {
    serverCheck,
    checking,
    runCheck,
    publishing,
    publishPending,
    justPublished,
    startPublish,
    confirmPublish,
    cancelPublish,
  } = useCheckAndPublish({ versionId: version.id, tidy, json, errorCount, dirty, save, showPanel: setPanel });

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
            <Link to={`/regimes/${version.regimeId}`}>
              {regime ? regime.definition.name[language] || regime.definition.name.vi : version.regimeCode}
            </Link>
          </>
        }
        extra={
          <DesignerActions
            regime={regime}
            editable={editable}
            canManage={canManage}
            dirty={dirty}
            draftOfForm={draftOfForm}
            checking={checking}
            saving={saveDraft.isPending}
            publishing={publishPending}
            creatingDraft={createDraft.isPending}
            onTemplate={() => setTemplateOpen(true)}
            onCheck={runCheck}
            onSave={() => void save().then((ok) => ok && void message.success(t('regimes.designer.saved')))}
            onPublish={() => void startPublish()}
            onNewDraft={newDraft}
            onOpenVersion={openVersion}
          />
        }
      />

      <DesignerStatusCard
        form={form}
        version={version}
        editable={editable}
        dirty={dirty}
        updatedAt={updatedAt}
        errorCount={errorCount}
        warningCount={warningCount}
        onToggleCheck={() => setPanel(panel === 'local' ? null : 'local')}
        onOpenVersion={onOpenVersion}
      />

      <DesignerAlerts
        version={version}
        editable={editable}
        canManage={canManage}
        conflict={conflict}
        justPublished={justPublished}
      />

      {panel ? (
        <CheckPanel
          panel={panel}
          serverCheck={serverCheck}
          stale={serverStale}
          form={definition}
          problems={shownProblems}
          onOpen={openProblem}
          onClose={() => setPanel(null)}
        />
      ) : null}

      <DesignerTabs
        tab={tab}
        onTabChange={setTab}
        definition={definition}
        tidy={tidy}
        onChange={setDefinition}
        readOnly={!editable}
        problems={problems}
        errorCount={errorCount}
        samples={samples}
        onSamplesChange={changeSamples}
        onReplaceSamples={setSamples}
        selectedRule={selectedRule}
        onSelectRule={setSelectedRule}
        onEditField={(section, field) => setEditing({ section, field })}
        versions={form.versions}
        currentVersionId={version.id}
        onOpenVersion={openVersion}
      />

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
        <PublishModal
          version={version}
          diff={publishing}
          warningCount={warningCount}
          loading={publishPending}
          onOk={confirmPublish}
          onCancel={cancelPublish}
        />
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
