import { type Kysely, sql } from 'kysely';

// Reference data every instance needs: the kinds of unit and the named hierarchies.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO unit_kinds (code, name_vi, name_en, level) VALUES
      ('government', 'Chính phủ', 'Government', 'central'),
      ('government_office', 'Văn phòng Chính phủ', 'Government Office', 'central'),
      ('ministry', 'Bộ, cơ quan ngang bộ', 'Ministry', 'central'),
      ('central_agency', 'Cơ quan thuộc Chính phủ', 'Government agency', 'central'),
      ('ubnd_province', 'UBND tỉnh, thành phố trực thuộc trung ương', 'Provincial People''s Committee', 'province'),
      ('department_province', 'Sở, ban, ngành cấp tỉnh', 'Provincial department', 'province'),
      ('ubnd_district', 'UBND huyện, quận, thị xã, thành phố thuộc tỉnh', 'District People''s Committee', 'district'),
      ('labour_office_district', 'Phòng Lao động – Thương binh và Xã hội', 'District labour office', 'district'),
      ('treasury_district', 'Kho bạc Nhà nước cấp huyện', 'District State Treasury', 'district'),
      ('social_insurance_district', 'Bảo hiểm xã hội cấp huyện', 'District Social Insurance', 'district'),
      ('social_policy_bank_district', 'Phòng giao dịch Ngân hàng Chính sách xã hội', 'Social Policy Bank transaction office', 'district'),
      ('ubnd_commune', 'UBND xã, phường, thị trấn, đặc khu', 'Commune People''s Committee', 'commune');
    INSERT INTO hierarchies (code, name_vi, name_en) VALUES
      ('administrative', 'Hệ thống hành chính (Chính phủ – tỉnh – huyện – xã)', 'Administrative (Government – province – district – commune)');
  `.execute(db);
}
