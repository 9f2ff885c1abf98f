import { useQueries } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryString } from '../api/client';
import type { PageOf, UnitSummaryView } from '../api/types';
import { useUnitSearch } from './unit-picker';

interface UnitCodePickerProps {
  /** Unit codes: definitions name units by code (`BLDTBXH`), not by id. */
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  placeholder?: string;
  disabled?: boolean;
  /** A label already known for a code (e.g. the owning agency's name from the regime). */
  knownNames?: Record<string, string>;
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}

/**
 * Chooses units by typing part of a name or code (the server's search ignores diacritics) and
 * keeps their codes, for definitions that name units by code: a regime's owning agency and its
 * recipients.
 */
export function UnitCodePicker({
  value,
  onChange,
  multiple,
  placeholder,
  disabled,
  knownNames,
  id,
  ...rest
}: UnitCodePickerProps) {
  const { t } = useTranslation();
  const { search, setSearch, found, choices, searching } = useUnitSearch(disabled);
  const [remembered, setRemembered] = useState<Map<string, string>>(() => new Map());
  const selected = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

  const names = useMemo(() => {
    const map = new Map<string, string>(Object.entries(knownNames ?? {}));
    for (const [code, name] of remembered) map.set(code, name);
    for (const unit of found.data?.items ?? []) map.set(unit.code, unit.name);
    return map;
  }, [knownNames, remembered, found.data]);

  // Codes chosen before (a saved definition) are looked up once to show their names.
  const missing = selected.filter((code) => code && !names.has(code));
  const lookups = useQueries({
    queries: missing.map((code) => ({
      queryKey: ['units', 'code-picker', 'exact', code],
      queryFn: () => api<PageOf<UnitSummaryView>>(`/units${queryString({ q: code, limit: 20 })}`),
      staleTime: 5 * 60_000,
    })),
  });
  lookups.forEach((lookup, index) => {
    const unit = lookup.data?.items.find((u) => u.code === missing[index]);
    if (unit) names.set(unit.code, unit.name);
  });

  const optionFor = (code: string) => ({
    value: code,
    title: names.get(code) ?? code,
    label: (
      <span>
        {names.get(code) ?? code}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          · {code}
        </Typography.Text>
      </span>
    ),
  });
  const options = [
    ...selected.map(optionFor),
    ...choices.filter((unit) => !selected.includes(unit.code)).map((unit) => optionFor(unit.code)),
  ];

  return (
    <Select<string | string[]>
      id={id}
      aria-label={rest['aria-label']}
      data-testid={rest['data-testid']}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      value={multiple ? selected : (selected[0] ?? undefined)}
      onChange={(next) => {
        const codes = next === undefined || next === null ? [] : Array.isArray(next) ? next : [next];
        const memory = new Map(remembered);
        for (const code of codes) {
          const name = names.get(code);
          if (name) memory.set(code, name);
        }
        setRemembered(memory);
        setSearch('');
        onChange?.(next ?? (multiple ? [] : undefined));
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
