import {
  CloudUploadOutlined,
  CopyOutlined,
  DownloadOutlined,
  SafetyCertificateOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RegimeDetailView } from '../regimes/regimes.api';
import type { FormDetailView } from './form-designer.api';

/**
 * The designer's buttons: the Excel template; on a draft, check, save and publish; on a published
 * version, a new draft (or the draft that already exists).
 */
export function DesignerActions({
  regime,
  editable,
  canManage,
  dirty,
  draftOfForm,
  checking,
  saving,
  publishing,
  creatingDraft,
  onTemplate,
  onCheck,
  onSave,
  onPublish,
  onNewDraft,
  onOpenVersion,
}: {
  regime: RegimeDetailView | undefined;
  editable: boolean;
  canManage: boolean;
  dirty: boolean;
  draftOfForm: FormDetailView['versions'][number] | undefined;
  checking: boolean;
  saving: boolean;
  publishing: boolean;
  creatingDraft: boolean;
  onTemplate: () => void;
  onCheck: () => void;
  onSave: () => void;
  onPublish: () => void;
  onNewDraft: () => void;
  onOpenVersion: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={onTemplate} disabled={!regime} data-testid="template-download">
        {t('regimes.designer.template.button')}
      </Button>
      {editable ? (
        <>
          <Button
            icon={<SafetyCertificateOutlined />}
            onClick={onCheck}
            loading={checking}
            data-testid="designer-check"
          >
            {t('regimes.designer.check.button')}
          </Button>
          <Button
            icon={<SaveOutlined />}
            type={dirty ? 'primary' : 'default'}
            ghost={dirty}
            onClick={onSave}
            loading={saving}
            disabled={!dirty}
            data-testid="designer-save"
          >
            {t('regimes.designer.save')}
          </Button>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            onClick={onPublish}
            loading={publishing}
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
          onClick={onNewDraft}
          loading={creatingDraft}
          data-testid="designer-new-draft"
        >
          {t('regimes.designer.newDraft')}
        </Button>
      ) : null}
      {canManage && !editable && draftOfForm ? (
        <Button onClick={() => onOpenVersion(draftOfForm.id)} data-testid="designer-open-draft">
          {t('regimes.designer.openDraft', { number: draftOfForm.number })}
        </Button>
      ) : null}
    </>
  );
}
