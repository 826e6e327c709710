import type { FastifyInstance } from 'fastify';
import type { TGrantsDeps } from './grants-deps.js';

export async function publicGrantRoutes(_app: FastifyInstance, _deps: TGrantsDeps) {}
