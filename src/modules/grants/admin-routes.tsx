import type { FastifyInstance } from 'fastify';
import type { TGrantsDeps } from './grants-deps.js';

export async function adminCallRoutes(_app: FastifyInstance, _deps: TGrantsDeps) {}
