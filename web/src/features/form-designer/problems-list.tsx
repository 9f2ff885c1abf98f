import { CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import type { FormDefinition, FormProblem } from '@baocao/domain';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemTarget } from './definition-editing';

/** Where a problem is, in words: "Chỉ tiêu ty_le · expression". */
export function useProblemPlace(form: FormDefinition) {
  const { t } = useTranslation();
  return (problem: FormProblem): string => {
    const target = problemTarget(problem.path);
    const property = target.property ? ` · ${target.property}` : '';
    switch (target.kind) {
      case 'field':
        return `${t('regimes.designer.place.field', {
          code: form.sections[target.section]?.fields[target.field]?.code ?? problem.subject ?? '?',
        })}${property}`;
      case 'section':
        return `${t('regimes.designer.place.section', { number: target.section + 1 })}${property}`;
      case 'rule':
        return `${t('regimes.designer.place.rule', { code: form.rules[target.rule]?.code ?? problem.subject ?? '?' })}${property}`;
      case 'optionSet':
        return `${t('regimes.designer.place.optionSet', {
          code: form.optionSets[target.optionSet]?.code ?? problem.subject ?? '?',
        })}${property}`;
      default:
        return problem.path
          ? t('regimes.designer.place.form', { property: problem.path })
          : t('regimes.designer.place.whole');
    }
  };
}

/** Problems of a definition, errors first; a click opens the item the problem is about. */
export function ProblemsList({
  form,
  problems,
  onOpen,
  'data-testid': testId,
}: {
  form: FormDefinition;
  problems: readonly FormProblem[];
  onOpen: (problem: FormProblem) => void;
  'data-testid'?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const place = useProblemPlace(form);
  if (problems.length === 0)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('regimes.designer.check.none')}
      </Typography.Text>
    );
  return (
    <Flex vertical data-testid={testId} role="list">
      {problems.map((problem, index) => (
        <Flex
          // biome-ignore lint/suspicious/noArrayIndexKey: a problem list has no identity beyond its order
          key={index}
          role="listitem"
          gap={8}
          align="flex-start"
          justify="space-between"
          style={{ padding: '6px 0', borderBottom: index < problems.length - 1 ? '1px solid #f0f0f0' : undefined }}
        >
          <Flex gap={8} align="flex-start">
            {problem.severity === 'error' ? (
              <CloseCircleFilled style={{ color: '#cf1322', marginTop: 4 }} />
            ) : (
              <WarningFilled style={{ color: '#d48806', marginTop: 4 }} />
            )}
            <div>
              <Typography.Text>{problem.message[language]}</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {place(problem)}
                </Typography.Text>
              </div>
            </div>
          </Flex>
          <Button type="link" size="small" onClick={() => onOpen(problem)}>
            {t('regimes.designer.check.open')}
          </Button>
        </Flex>
      ))}
    </Flex>
  );
}
