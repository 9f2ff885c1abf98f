import { DomainError } from '@baocao/domain';
import type { Db } from '../../db/database';
import type { RequestContext } from '../../http/context';
import { canManageRegimes, iso } from '../../reporting/catalogue';
import { findVersionsOfForms } from '../regimes/regimes.queries';
import { findForm } from './forms.queries';

export async function formDetail(db: Db, context: RequestContext, id: number) {
  const form = await findForm(db, id);
  if (!form || (form.regimeStatus === 'draft' && !canManageRegimes(context))) throw new DomainError('NOT_FOUND');
  const manage = canManageRegimes(context);
  const versions = (await findVersionsOfForms(db, [id])).filter((v) => manage || v.status !== 'draft');
  return {
    id: form.id,
    code: form.code,
    sortOrder: form.sortOrder,
    regimeId: form.regimeId,
    regimeCode: form.regimeCode,
    regimeName: form.regimeName,
    versions: versions.map((v) => ({
      id: v.id,
      number: v.number,
      status: v.status,
      title: v.title,
      publishedAt: iso(v.publishedAt),
      publishedByName: v.publishedByName,
      createdAt: iso(v.createdAt)!,
      updatedAt: iso(v.updatedAt)!,
    })),
  };
}
