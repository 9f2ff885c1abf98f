import type { FormDefinition, FormProblem } from '@baocao/domain';
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useErrorNotifier } from '../../components/use-error-notifier';
import {
  type FormValidationView,
  type FormVersionDiffView,
  fetchVersionDiff,
  usePublishVersion,
  useValidateDefinition,
} from './form-designer.api';

/**
 * The server's check of the definition and the publishing of a draft: the check's answer (kept
 * with the JSON it checked, so the page can tell when it went stale), the differences to confirm
 * before publishing (after saving, and only without errors), and the publish itself, whose refusal
 * of an invalid definition shows the server's problems.
 */
export function useCheckAndPublish({
  versionId,
  tidy,
  json,
  errorCount,
  dirty,
  save,
  showPanel,
}: {
  versionId: number;
  tidy: FormDefinition;
  json: string;
  errorCount: number;
  dirty: boolean;
  /** Saves the draft; resolves whether it was saved. */
  save: () => Promise<boolean>;
  showPanel: (panel: 'local' | 'server') => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const validate = useValidateDefinition(versionId);
  const publish = usePublishVersion(versionId);
  const [serverCheck, setServerCheck] = useState<{ result: FormValidationView; json: string } | null>(null);
  const [publishing, setPublishing] = useState<FormVersionDiffView | null>(null);
  const [justPublished, setJustPublished] = useState(false);

  const runCheck = () =>
    validate.mutate(tidy, {
      onSuccess: (result) => {
        setServerCheck({ result, json });
        showPanel('server');
      },
      onError: (error) => notifyError(error),
    });

  const startPublish = async () => {
    if (errorCount > 0) {
      showPanel('local');
      void message.error(t('regimes.designer.publishBlocked', { count: errorCount }));
      return;
    }
    if (dirty && !(await save())) return;
    try {
      setPublishing(await fetchVersionDiff(versionId));
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
          showPanel('server');
        } else notifyError(error, t('regimes.designer.publishFailed'));
      },
    });

  return {
    serverCheck,
    checking: validate.isPending,
    runCheck,
    /** The differences shown for confirmation while publishing is being confirmed. */
    publishing,
    publishPending: publish.isPending,
    justPublished,
    startPublish,
    confirmPublish,
    cancelPublish: () => setPublishing(null),
  };
}
