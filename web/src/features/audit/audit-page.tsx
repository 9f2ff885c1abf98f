import { Card, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { auditObjectTypes, objectTypeLabel } from './audit-labels';
import { AuditTable } from './audit-table';

export function AuditPage() {
  const { t } = useTranslation();
  const [objectType, setObjectType] = useState<string | undefined>();
  const [objectId, setObjectId] = useState('');
  const id = useDebouncedValue(objectId.trim(), 400);
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('audit.allObjectTypes')}
            value={objectType}
            onChange={setObjectType}
            options={auditObjectTypes.map((type) => ({ value: type, label: objectTypeLabel(t, type) }))}
            style={{ width: 220 }}
          />
          <Input
            allowClear
            placeholder={t('audit.objectIdPlaceholder')}
            value={objectId}
            onChange={(e) => setObjectId(e.target.value)}
            style={{ width: 200 }}
            disabled={!objectType}
          />
        </Flex>
        <AuditTable filters={{ objectType, objectId: objectType && id ? id : undefined }} />
      </Card>
    </>
  );
}
