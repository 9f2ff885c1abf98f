import type { FormDefinition, FormProblem } from '@baocao/domain';
import { Alert, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormValidationView } from './form-designer.api';
import { ProblemsList } from './problems-list';

/**
 * The definition's problems: the live check's (`local`), or the server's answer to "Check"
 * (`server`), marked stale once the definition changed since.
 */
export function CheckPanel({
  panel,
  serverCheck,
  stale,
  form,
  problems,
  onOpen,
  onClose,
}: {
  panel: 'local' | 'server';
  serverCheck: { result: FormValidationView } | null;
  stale: boolean;
  form: FormDefinition;
  problems: FormProblem[];
  onOpen: (problem: FormProblem) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={panel === 'server' ? t('regimes.designer.check.serverTitle') : t('regimes.designer.check.localTitle')}
      extra={
        <Button size="small" type="text" onClick={onClose}>
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
          description={stale ? t('regimes.designer.check.stale') : undefined}
          data-testid="designer-check-result"
        />
      ) : null}
      <ProblemsList form={form} problems={problems} onOpen={onOpen} data-testid="problems-list" />
    </Card>
  );
}
