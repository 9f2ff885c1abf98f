import { SecuritySettingsPatch, SecuritySettingsSchema } from '@baocao/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { transactionOf } from '../../http/transaction';
import { readSecuritySettings, updateSecuritySettings } from './settings.service';

export const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  app.get(
    '/settings/security',
    {
      config: { access: 'settings.manage' },
      schema: { tags: ['settings'], response: { 200: SecuritySettingsSchema } },
    },
    async () => readSecuritySettings(db),
  );
  app.patch(
    '/settings/security',
    {
      config: { access: 'settings.manage' },
      schema: { tags: ['settings'], body: SecuritySettingsPatch, response: { 200: SecuritySettingsSchema } },
    },
    async (request) => updateSecuritySettings(await transactionOf(request), contextOf(request), request.body),
  );
};
