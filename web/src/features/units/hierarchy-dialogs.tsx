import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { HierarchyView } from '../../api/types';
import { showFieldError, whenValid } from '../../components/field-errors';
import { UnitPicker } from '../../components/unit-picker';
import { useErrorNotifier } from '../../components/use-error-notifier';
import { formatDate, todayInVietnam } from '../../i18n/format';
import { createHierarchy, hierarchyLabel, placeUnit, updateHierarchy, useHierarchies } from './units.api';
import '../../i18n/dayjs-locale';

const CODE_PATTERN = /^[a-z][a-z0-9_-]{1,40}$/;

interface HierarchyForm {
  code: string;
  nameVi: string;
  nameEn: string;
  description?: string;
}

/**
 * "Tạo hệ thống ngành": a system administrator names a new hierarchy beside the administrative
 * one; given a `hierarchy`, the same dialog renames it (its code stays).
 */
export function HierarchyModal({
  hierarchy,
  onClose,
  onSaved,
}: {
  hierarchy?: HierarchyView;
  onClose: () => void;
  onSaved: (hierarchy: HierarchyView) => void;
}) {
  const { t } = useTranslation();
  const notifyError = useErrorNotifier();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<HierarchyForm>();
  const save = useMutation({
    mutationFn: (input: HierarchyForm) => {
      const names = { nameVi: input.nameVi.trim(), nameEn: input.nameEn.trim() };
      const description = input.description?.trim() || null;
      return hierarchy
        ? updateHierarchy(hierarchy.code, { ...names, description })
        : createHierarchy({ code: input.code.trim(), ...names, ...(description ? { description } : {}) });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['hierarchies'] });
      onSaved(saved);
    },
    onError: (error) => {
      if (!showFieldError(form, error, ['code', 'nameVi', 'nameEn', 'description'])) notifyError(error);
    },
  });
  const required = { required: true, whitespace: true, message: t('hierarchies.required') };
  return (
    <Modal
      open
      title={hierarchy ? t('hierarchies.editTitle', { code: hierarchy.code }) : t('hierarchies.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'hierarchy-create-save' }}
      onCancel={onClose}
      onOk={() => whenValid(form, (input) => save.mutate(input))}
      destroyOnHidden
    >
      {hierarchy ? null : (
        <Alert type="info" showIcon message={t('hierarchies.createHint')} style={{ marginBottom: 16 }} />
      )}
      <Form<HierarchyForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          hierarchy
            ? {
                code: hierarchy.code,
                nameVi: hierarchy.nameVi,
                nameEn: hierarchy.nameEn,
                description: hierarchy.description ?? '',
              }
            : undefined
        }
        data-testid="hierarchy-create-form"
      >
        <Form.Item
          name="code"
          label={t('hierarchies.code')}
          extra={t('hierarchies.codeHint')}
          rules={[required, { pattern: CODE_PATTERN, message: t('hierarchies.codeInvalid') }]}
        >
          <Input maxLength={41} autoComplete="off" disabled={!!hierarchy} data-testid="hierarchy-code" />
        </Form.Item>
        <Form.Item name="nameVi" label={t('hierarchies.nameVi')} rules={[required]}>
          <Input maxLength={200} data-testid="hierarchy-name-vi" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('hierarchies.nameEn')} rules={[required]}>
          <Input maxLength={200} data-testid="hierarchy-name-en" />
        </Form.Item>
        <Form.Item name="description" label={t('hierarchies.description')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} data-testid="hierarchy-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface PlacementForm {
  hierarchy: string;
  parentId: number | null;
  validFrom: Dayjs | null;
}

/** "Đặt vào hệ thống": places a unit under a parent in a hierarchy from an effective date. */
export function PlaceUnitModal({
  unit,
  hierarchy,
  onClose,
  onPlaced,
}: {
  unit: { id: number; name: string; validFrom: string };
  /** The hierarchy offered first (the one being browsed). */
  hierarchy: string | undefined;
  onClose: () => void;
  onPlaced: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const notifyError = useErrorNotifier();
  const queryClient = useQueryClient();
  const hierarchies = useHierarchies();
  const [form] = Form.useForm<PlacementForm>();
  const today = todayInVietnam();
  const save = useMutation({
    mutationFn: (input: PlacementForm) =>
      placeUnit(unit.id, {
        hierarchy: input.hierarchy,
        parentId: input.parentId!,
        validFrom: input.validFrom!.format('YYYY-MM-DD'),
      }),
    onSuccess: async (_, input) => {
      await queryClient.invalidateQueries({ queryKey: ['units'] });
      await queryClient.invalidateQueries({ queryKey: ['hierarchies'] });
      const chosen = hierarchies.data?.find((h) => h.code === input.hierarchy);
      onPlaced(
        t('hierarchies.placed', {
          unit: unit.name,
          hierarchy: chosen ? hierarchyLabel(chosen, i18n.language) : input.hierarchy,
          date: formatDate(input.validFrom!.format('YYYY-MM-DD')),
        }),
      );
    },
    onError: (error) => {
      if (!showFieldError(form, error, ['hierarchy', 'parentId', 'validFrom'])) notifyError(error);
    },
  });
  return (
    <Modal
      open
      title={t('hierarchies.placeTitle', { unit: unit.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'place-unit-save' }}
      onCancel={onClose}
      onOk={() => whenValid(form, (input) => save.mutate(input))}
      destroyOnHidden
    >
      <Alert type="info" showIcon message={t('hierarchies.placeHint')} style={{ marginBottom: 16 }} />
      <Form<PlacementForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          hierarchy: hierarchy ?? hierarchies.data?.[0]?.code,
          parentId: null,
          validFrom: dayjs(unit.validFrom > today ? unit.validFrom : today),
        }}
        data-testid="place-unit-form"
      >
        <Form.Item name="hierarchy" label={t('hierarchies.hierarchy')} rules={[{ required: true }]}>
          <Select
            options={(hierarchies.data ?? []).map((h) => ({ value: h.code, label: hierarchyLabel(h, i18n.language) }))}
            data-testid="place-unit-hierarchy"
          />
        </Form.Item>
        <Form.Item
          name="parentId"
          label={t('hierarchies.parent')}
          rules={[{ required: true, message: t('hierarchies.parentRequired') }]}
        >
          <UnitPicker placeholder={t('units.pickerPlaceholder')} data-testid="place-unit-parent" />
        </Form.Item>
        <Form.Item
          name="validFrom"
          label={t('hierarchies.validFrom')}
          rules={[{ required: true, message: t('hierarchies.validFromRequired') }]}
        >
          <DatePicker format="DD/MM/YYYY" allowClear={false} style={{ width: '100%' }} data-testid="place-unit-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
