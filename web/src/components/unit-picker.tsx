import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryString } from '../api/client';
import type { PageOf, UnitDetailView, UnitSummaryView } from '../api/types';
import { formatDate } from '../i18n/format';
import { useDebouncedValue } from './use-debounced-value';

/**
 * What is typed in a unit picker and the units the server finds for it (debounced, diacritics ignored).
 * `choices` are the server's answer for exactly what is typed, and nothing while that answer is on its
 * way: the answer to an earlier text stays only for labels, so the list never offers units that do not
 * match the text and never changes under a pointer about to choose one.
 */
export function useUnitSearch(disabled?: boolean) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['units', 'picker', q],
    queryFn: ({ signal }) => api<PageOf<UnitSummaryView>>(`/units${queryString({ q, limit: 20 })}`, { signal }),
    placeholderData: keepPreviousData,
    enabled: !disabled,
  });
  const answered = q === search.trim() && !found.isPlaceholderData && found.data !== undefined;
  const choices = answered ? (found.data?.items ?? []) : [];
  return { search, setSearch, found, choices, searching: !answered && !found.isError };
}

/** What a picker needs to label a unit. */
export interface UnitLabel {
  id: number;
  name: string;
  code: string;
  validTo?: string | null;
}

interface UnitPickerProps {
  value?: number | number[] | null;
  onChange?: (value: number | number[] | undefined) => void;
  multiple?: boolean;
  placeholder?: string;
  disabled?: boolean;
  /** Labels already known to the caller (e.g. the unit a form was opened from). */
  knownUnits?: UnitLabel[];
  id?: string;
  'data-testid'?: string;
}

/**
 * Chooses one or more units by typing part of a name or code; the server's
 * search ignores diacritics, so "ba vi" finds "Ba Vì". Units no longer valid are
 * found too and marked, since accounts and history may belong to them.
 */
export function UnitPicker({
  value,
  onChange,
  multiple,
  placeholder,
  disabled,
  knownUnits,
  id,
  ...rest
}: UnitPickerProps) {
  const { t } = useTranslation();
  const { search, setSearch, found, choices, searching } = useUnitSearch(disabled);
  const [remembered, setRemembered] = useState<Map<number, UnitLabel>>(() => new Map());

  const selectedIds = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  const labels = useMemo(() => {
    const map = new Map<number, UnitLabel>();
    for (const unit of knownUnits ?? []) map.set(unit.id, unit);
    for (const [key, unit] of remembered) map.set(key, unit);
    for (const unit of found.data?.items ?? []) map.set(unit.id, unit);
    return map;
  }, [knownUnits, remembered, found.data]);

  const missing = selectedIds.filter((unitId) => !labels.has(unitId));
  const fetched = useQueries({
    queries: missing.map((unitId) => ({
      queryKey: ['units', unitId, 'detail', ''],
      queryFn: () => api<UnitDetailView>(`/units/${unitId}`),
      staleTime: 5 * 60_000,
    })),
  });
  for (const result of fetched) if (result.data) labels.set(result.data.id, result.data);

  const optionFor = (unit: UnitLabel) => ({
    value: unit.id,
    title: unit.name,
    label: (
      <span>
        {unit.name}{' '}
        {unit.code ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            · {unit.code}
          </Typography.Text>
        ) : null}
        {unit.validTo ? (
          <Tag style={{ marginInlineStart: 6 }} color="default">
            {t('units.validUntil', { date: formatDate(unit.validTo) })}
          </Tag>
        ) : null}
      </span>
    ),
  });
  const options = [
    ...selectedIds.filter((unitId) => labels.has(unitId)).map((unitId) => optionFor(labels.get(unitId)!)),
    ...choices.filter((unit) => !selectedIds.includes(unit.id)).map(optionFor),
  ];

  const remember = (ids: number[]) => {
    const next = new Map(remembered);
    for (const unitId of ids) {
      const unit = labels.get(unitId);
      if (unit) next.set(unitId, unit);
    }
    setRemembered(next);
  };

  return (
    <Select<number | number[]>
      id={id}
      data-testid={rest['data-testid']}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      value={multiple ? selectedIds : (selectedIds[0] ?? undefined)}
      onChange={(next) => {
        const ids = next === undefined || next === null ? [] : Array.isArray(next) ? next : [next];
        remember(ids);
        setSearch('');
        onChange?.(next ?? undefined);
      }}
      options={options}
      placeholder={placeholder ?? t('units.pickerPlaceholder')}
      allowClear
      disabled={disabled}
      loading={searching}
      notFoundContent={searching ? t('common.loading') : t('common.noMatches')}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}

/** What a scope picker knows of the signed-in person: its unit and the root of what it reads. */
interface ScopeOwner {
  unit: { id: number; name: string; code: string };
  viewRoot: { id: number; name: string };
}

/**
 * The unit a page of figures is about (compliance, quality, tasks): the person's view root until
 * another unit is chosen, with the person's own unit and view root known by name from the start.
 */
export function ScopeUnitPicker({
  me,
  value,
  onChange,
  id,
  ...rest
}: {
  me: ScopeOwner;
  value: number | undefined;
  onChange: (unitId: number | undefined) => void;
  id: string;
  'data-testid'?: string;
}) {
  return (
    <UnitPicker
      id={id}
      value={value ?? me.viewRoot.id}
      knownUnits={[
        { id: me.unit.id, name: me.unit.name, code: me.unit.code },
        { id: me.viewRoot.id, name: me.viewRoot.name, code: '' },
      ]}
      onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
      data-testid={rest['data-testid']}
    />
  );
}
