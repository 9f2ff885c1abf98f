import { type FormDefinition, formFields, renameFieldReferences } from '@baocao/domain';
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The field open in the field editor, with its code when the editor opened: closing the editor
 * with another (valid, unique) code rewrites the formulas and rules that referred to the old one.
 */
export function useFieldEditing(definition: FormDefinition, setDefinition: (form: FormDefinition) => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
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
  return { editing, setEditing, closeFieldEditor };
}
