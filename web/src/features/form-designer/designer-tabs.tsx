import type { CellValues, FormDefinition, FormProblem } from '@baocao/domain';
import { Badge, Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormDetailView } from './form-designer.api';
import { GeneralEditor } from './general-editor';
import { OptionSetsEditor } from './option-sets-editor';
import { PreviewPanel } from './preview-panel';
import { RulesEditor } from './rules-editor';
import { StructureEditor } from './structure-editor';
import { VersionHistory } from './version-history';

export type DesignerTab = 'structure' | 'optionSets' | 'rules' | 'preview' | 'general' | 'history';

/** The designer's editors, one per tab: structure, option sets, rules, preview, general, history. */
export function DesignerTabs({
  tab,
  onTabChange,
  definition,
  tidy,
  onChange,
  readOnly,
  problems,
  errorCount,
  samples,
  onSamplesChange,
  onReplaceSamples,
  selectedRule,
  onSelectRule,
  onEditField,
  versions,
  currentVersionId,
  onOpenVersion,
}: {
  tab: DesignerTab;
  onTabChange: (tab: DesignerTab) => void;
  definition: FormDefinition;
  /** The definition as it will be saved, which the preview shows. */
  tidy: FormDefinition;
  onChange: (form: FormDefinition) => void;
  readOnly: boolean;
  problems: FormProblem[];
  errorCount: number;
  samples: CellValues;
  onSamplesChange: (changes: CellValues) => void;
  onReplaceSamples: (samples: CellValues) => void;
  selectedRule: number | null;
  onSelectRule: (index: number | null) => void;
  onEditField: (section: number, field: number) => void;
  versions: FormDetailView['versions'];
  currentVersionId: number;
  onOpenVersion: (id: number) => void;
}) {
  const { t } = useTranslation();
  const tabLabel = (key: DesignerTab, label: string, count?: number) => (
    <span data-testid={`designer-tab-${key}`}>
      {label}
      {count ? <Badge count={count} size="small" color="#8c8c8c" style={{ marginInlineStart: 6 }} /> : null}
    </span>
  );
  return (
    <Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => onTabChange(key as DesignerTab)}
        items={[
          {
            key: 'structure',
            label: tabLabel('structure', t('regimes.designer.tabs.structure')),
            children: (
              <StructureEditor
                form={definition}
                onChange={onChange}
                readOnly={readOnly}
                problems={problems}
                onEditField={onEditField}
              />
            ),
          },
          {
            key: 'optionSets',
            label: tabLabel('optionSets', t('regimes.designer.tabs.optionSets'), definition.optionSets.length),
            children: (
              <OptionSetsEditor form={definition} onChange={onChange} readOnly={readOnly} problems={problems} />
            ),
          },
          {
            key: 'rules',
            label: tabLabel('rules', t('regimes.designer.tabs.rules'), definition.rules.length),
            children: (
              <RulesEditor
                form={definition}
                onChange={onChange}
                readOnly={readOnly}
                problems={problems}
                samples={samples}
                onSamplesChange={onSamplesChange}
                selected={selectedRule}
                onSelect={onSelectRule}
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
                onSamplesChange={onSamplesChange}
                onReplaceSamples={onReplaceSamples}
                hasErrors={errorCount > 0}
              />
            ),
          },
          {
            key: 'general',
            label: tabLabel('general', t('regimes.designer.tabs.general')),
            children: <GeneralEditor form={definition} onChange={onChange} readOnly={readOnly} problems={problems} />,
          },
          {
            key: 'history',
            label: tabLabel('history', t('regimes.designer.tabs.history'), versions.length),
            children: <VersionHistory versions={versions} currentId={currentVersionId} onOpen={onOpenVersion} />,
          },
        ]}
      />
    </Card>
  );
}
