import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'fs';
import { join, resolve } from 'path';

// Four levels up is the workspace root both from dist/apps/api/common (built) and from apps/api/src/common
// (tests run from source), so one path finds the admin build in either layout.
const CANDIDATES = [resolve(__dirname, '../../../../dist/apps/admin')];
const API_PREFIXES = ['/v1/', '/health', '/docs', '/metrics'];

export function findAdminBuild(): string | null {
  return CANDIDATES.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the built admin SPA at `/`; client-side routes (e.g. `/tokens`) get index.html.
 * Without a build, `/` says how to make one instead of a bare 404.
 */
export async function serveAdminApp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const root = findAdminBuild();
  if (!root) {
    fastify.get('/', async (_request, reply) =>
      reply.type('text/plain').send('The admin app is not built. Run `npx nx run admin:build` (npm start does it for you).'),
    );
    return;
  }
  await fastify.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: ['index.html'] });
  fastify.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (API_PREFIXES.some((prefix) => path.startsWith(prefix))) {
      return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `No route for GET ${path}` });
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
