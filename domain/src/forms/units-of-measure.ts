/**
 * Units of measure are written in a form definition as Vietnamese words ("người", "triệu đồng"), the
 * way the printed forms have them. The English interface shows the English names of the common
 * ones; a unit not listed here is shown as written.
 */
const englishNames: Readonly<Record<string, string>> = {
  '%': '%',
  người: 'people',
  'lượt người': 'person-times',
  'nghìn người': 'thousand people',
  'lao động': 'workers',
  hộ: 'households',
  'đơn vị': 'units',
  'doanh nghiệp': 'enterprises',
  'cơ sở': 'establishments',
  'hợp tác xã': 'cooperatives',
  'hồ sơ': 'files',
  'thủ tục': 'procedures',
  'văn bản': 'documents',
  'trường hợp': 'cases',
  vụ: 'cases',
  ca: 'cases',
  lượt: 'times',
  lần: 'times',
  đồng: 'VND',
  'nghìn đồng': 'thousand VND',
  'triệu đồng': 'million VND',
  'tỷ đồng': 'billion VND',
  usd: 'USD',
  'triệu usd': 'million USD',
  ngày: 'days',
  tháng: 'months',
  năm: 'years',
  giờ: 'hours',
  xã: 'communes',
  huyện: 'districts',
  tỉnh: 'provinces',
  trường: 'schools',
  'giường bệnh': 'hospital beds',
  'bệnh nhân': 'patients',
  con: 'head',
  căn: 'dwellings',
  'căn hộ': 'apartments',
  tấn: 'tonnes',
  'nghìn tấn': 'thousand tonnes',
  kg: 'kg',
  ha: 'ha',
  km: 'km',
  m2: 'm²',
  'm²': 'm²',
  m3: 'm³',
  'm³': 'm³',
  kwh: 'kWh',
  cái: 'items',
  chiếc: 'items',
  bộ: 'sets',
  suất: 'portions',
};

/** A unit of measure in the interface's language: "triệu đồng" reads "million VND" in English. */
export function unitOfMeasureLabel(unit: string, language: 'vi' | 'en'): string {
  if (language === 'vi') return unit;
  return englishNames[unit.normalize('NFC').trim().toLocaleLowerCase('vi')] ?? unit;
}
