import type { TAppDeps } from '../../app-deps.js';
import type { TSessionUi } from '../../http/request-context.js';
import { type FundsAllocator } from './funding/funds-allocator.js';

/** What every grants route plugin receives. */
export type TGrantsDeps = TAppDeps & { ui: TSessionUi; allocator: FundsAllocator };
