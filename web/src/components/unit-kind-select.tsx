import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The unit kinds every instance is seeded with (migration 20261123-02-unit-kinds). The API has no
 * list of unit kinds yet, so these are offered as suggestions and any other code can be typed;
 * the server refuses a kind it does not know, next to the field.
 */
export const knownUnitKinds: readonly { code: string; vi: string; en: string }[] = [
  { code: 'government', vi: 'Chính phủ', en: 'Government' },
  { code: 'government_office', vi: 'Văn phòng Chính phủ', en: 'Government Office' },
  { code: 'ministry', vi: 'Bộ, cơ quan ngang bộ', en: 'Ministry' },
  { code: 'central_agency', vi: 'Cơ quan thuộc Chính phủ', en: 'Government agency' },
  { code: 'ubnd_province', vi: 'UBND tỉnh, thành phố trực thuộc trung ương', en: "Provincial People's Committee" },
  { code: 'department_province', vi: 'Sở, ban, ngành cấp tỉnh', en: 'Provincial department' },
  { code: 'ubnd_district', vi: 'UBND huyện, quận, thị xã', en: "District People's Committee" },
  { code: 'labour_office_district', vi: 'Phòng Lao động – TB&XH', en: 'District labour office' },
  { code: 'treasury_district', vi: 'Kho bạc Nhà nước cấp huyện', en: 'District State Treasury' },
  { code: 'social_insurance_district', vi: 'Bảo hiểm xã hội cấp huyện', en: 'District Social Insurance' },
  { code: 'social_policy_bank_district', vi: 'Phòng giao dịch NHCSXH', en: 'Social Policy Bank office' },
  { code: 'ubnd_commune', vi: 'UBND xã, phường, thị trấn, đặc khu', en: "Commune People's Committee" },
];

/** A unit kind's name in the interface language, or its code when it is not a seeded kind. */
export function unitKindName(code: string, language: string): string {
  const kind = knownUnitKinds.find((k) => k.code === code);
  return kind ? (language === 'en' ? kind.en : kind.vi) : code;
}

interface UnitKindSelectProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}

/** Chooses unit kinds (levels): the seeded kinds by name, or any other kind code typed in. */
export function UnitKindSelect({ value, onChange, disabled, placeholder, id, ...rest }: UnitKindSelectProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const selected = value ?? [];
  const options = [
    ...knownUnitKinds.map((kind) => kind.code),
    ...selected.filter((code) => !knownUnitKinds.some((k) => k.code === code)),
  ].map((code) => ({
    value: code,
    title: unitKindName(code, language),
    label: (
      <span>
        {unitKindName(code, language)}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          · {code}
        </Typography.Text>
      </span>
    ),
    search: `${code} ${unitKindName(code, language)}`,
  }));
  return (
    <Select<string[]>
      id={id}
      aria-label={rest['aria-label']}
      data-testid={rest['data-testid']}
      mode="tags"
      value={selected}
      onChange={(next) => onChange?.(next.map((code) => code.trim()).filter(Boolean))}
      options={options}
      showSearch={{ optionFilterProp: 'search' }}
      placeholder={placeholder ?? t('regimes.unitKinds.placeholder')}
      disabled={disabled}
      style={{ width: '100%' }}
      tokenSeparators={[',', ' ']}
    />
  );
}
