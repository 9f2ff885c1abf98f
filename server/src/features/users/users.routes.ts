import {
  IdParams,
  ImportResult,
  Page,
  PasswordReset,
  UserCreate,
  UserCreated,
  UserListQuery,
  UserUpdate,
  UserView,
} from '@baocao/domain';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { contextOf } from '../../http/auth';
import { requestLanguage } from '../../http/errors';
import { transactionOf } from '../../http/transaction';
import { uploadedFile } from '../../http/upload';
import { createUser, getUser, listUsers, resetPassword, setUserDisabled, updateUser } from './users.service';
import { createImportedUsers, prepareImport } from './users-import';

export const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const tags = ['users'];

  app.get(
    '/users',
    {
      config: { access: 'users.read' },
      schema: { tags, querystring: UserListQuery, response: { 200: Page(UserView) } },
    },
    async (request) => listUsers(db, contextOf(request), request.query),
  );

  app.get(
    '/users/:id',
    { config: { access: 'users.read' }, schema: { tags, params: IdParams, response: { 200: UserView } } },
    async (request) => getUser(db, contextOf(request), request.params.id),
  );

  app.post(
    '/users',
    { config: { access: 'users.manage' }, schema: { tags, body: UserCreate, response: { 201: UserCreated } } },
    async (request, reply) => {
      const tx = await transactionOf(request);
      reply.status(201);
      return createUser(tx, contextOf(request), request.body);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'users.manage' },
      schema: { tags, params: IdParams, body: UserUpdate, response: { 200: UserView } },
    },
    async (request) => updateUser(await transactionOf(request), contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/users/:id/disable',
    { config: { access: 'users.manage' }, schema: { tags, params: IdParams, response: { 200: UserView } } },
    async (request) => setUserDisabled(await transactionOf(request), contextOf(request), request.params.id, true),
  );

  app.post(
    '/users/:id/enable',
    { config: { access: 'users.manage' }, schema: { tags, params: IdParams, response: { 200: UserView } } },
    async (request) => setUserDisabled(await transactionOf(request), contextOf(request), request.params.id, false),
  );

  app.post(
    '/users/:id/reset-password',
    { config: { access: 'users.manage' }, schema: { tags, params: IdParams, response: { 200: PasswordReset } } },
    async (request) => resetPassword(await transactionOf(request), contextOf(request), request.params.id),
  );

  app.post(
    '/users/import',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        description: 'Multipart upload of one .csv or .xlsx file (field "file"); all rows or none are created.',
        response: { 201: ImportResult },
      },
    },
    async (request, reply) => {
      const { fileName, content } = await uploadedFile(request);
      const context = contextOf(request);
      // Checking the rows and hashing their passwords runs before the transaction begins; the inserts run in it.
      const prepared = await prepareImport(
        db,
        context,
        { fileName: fileName.slice(0, 200), content },
        requestLanguage(request),
      );
      reply.status(201);
      return createImportedUsers(await transactionOf(request), context, prepared);
    },
  );
};
